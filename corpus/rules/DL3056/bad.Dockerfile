FROM alpine:3.20
LABEL org.opencontainers.image.version=v1.4.0
LABEL org.opencontainers.image.version=1.4
LABEL org.opencontainers.image.version=latest
