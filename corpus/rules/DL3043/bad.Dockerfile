FROM node:22
ONBUILD FROM node:22-alpine
ONBUILD MAINTAINER someone
onbuild onbuild RUN true
