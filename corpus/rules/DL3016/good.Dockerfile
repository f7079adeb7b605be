FROM node:20-slim
RUN npm install
RUN npm ci --omit=dev
RUN npm install --production
RUN npm install -g typescript@5.5.4 @angular/cli@18.1.0 npm@latest
RUN npm install git+https://github.com/org/repo.git#v1.2.0
RUN npm install ./local-dir ../other /abs/path ~/home-pkg .
RUN npm install https://example.org/pkg.tgz pkg-1.0.tar.gz
RUN npm install $PKG
RUN npm run build
RUN echo npm install express
