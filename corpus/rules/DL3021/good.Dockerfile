FROM node:22-alpine
COPY package.json /app
COPY package.json package-lock.json /app/
COPY ["x.txt", "y.txt", "/opt/dir/"]
COPY a b "c d/"
ADD a b /notchecked
