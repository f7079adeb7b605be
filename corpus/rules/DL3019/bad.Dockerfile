FROM alpine:3.20
RUN apk add curl=8.9.1-r0
RUN apk update && apk add --virtual .deps gcc=13.2.1-r0 && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/root/.cache apk add git=2.45.2-r0
ONBUILD RUN apk -U add bash=5.2.26-r0
