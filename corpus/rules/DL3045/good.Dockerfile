FROM node:22-alpine AS base
COPY package.json /app/
COPY x $HOME/x
COPY y C:\app\y
COPY z c:/app/z
WORKDIR /app
COPY package.json .

FROM base
COPY . ./

FROM base AS sub
FROM sub
COPY a b/
