FROM alpine:3.20
LABEL maintainer=""
LABEL org.opencontainers.image.version=
LABEL org.opencontainers.image.source='' other=1
