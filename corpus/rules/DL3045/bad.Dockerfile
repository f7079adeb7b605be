FROM node:22-alpine AS base
COPY package.json .
COPY src/ app/
COPY ["a.txt", "b/"]
WORKDIR /app

FROM node:22-alpine
COPY . ./

FROM base AS sub
FROM node:22-alpine AS other
COPY x y/
