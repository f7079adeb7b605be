FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
LABEL org.opencontainers.image.licenses="MIT OR"
LABEL org.opencontainers.image.licenses=proprietary
