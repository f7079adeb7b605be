FROM alpine:3.20
ARG CURL_VERSION=8.9.1-r0
RUN apk add --no-cache curl=${CURL_VERSION} bash~5.2 "openssl>3.1"
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0
RUN apk add --virtual=.deps musl-dev=1.2.5-r0
RUN apk add --allow-untrusted /tmp/local-1.0.apk
RUN apk add $PACKAGES
RUN apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing tini=0.19.0-r3
RUN apk update && apk del curl
RUN echo apk add curl
RUN deps='curl=8.9.1-r0' && apk add --no-cache $deps
