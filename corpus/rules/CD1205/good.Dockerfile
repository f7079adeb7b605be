FROM alpine:3.20
WORKDIR /app
WORKDIR /etc/nginx
WORKDIR /usr/src/app
WORKDIR /devtools
WORKDIR /process
WORKDIR ${DIR}/proc
WORKDIR proc
