FROM node:20-slim
RUN npm install -g typescript ts-node@10.9.2
RUN npm i --save-dev @types/node
RUN npm install git+https://github.com/org/repo.git
RUN npm install --registry https://registry.example.org left-pad
ONBUILD RUN npm install express
