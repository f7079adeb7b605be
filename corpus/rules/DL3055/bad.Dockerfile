FROM alpine:3.20
LABEL org.opencontainers.image.revision=main
LABEL org.opencontainers.image.revision=3F2C1A9
LABEL org.opencontainers.image.revision=3f2c1a9d
