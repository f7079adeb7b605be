FROM node:22
ONBUILD COPY . /app/
ONBUILD RUN npm ci
FROM node:22
