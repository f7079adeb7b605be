FROM node:22-alpine
ARG NODE_ENV=production
ENV APP_HOME=/app PORT=8080
ARG KEYRING=/usr/share/keyrings/x.gpg
ENV PASS_THROUGH=1
