FROM node:22
WORKDIR app
WORKDIR src/lib
