FROM alpine:3.20
ARG GIT_SHA
LABEL org.opencontainers.image.revision=3f2c1a9
LABEL org.opencontainers.image.revision=3f2c1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a
LABEL org.opencontainers.image.revision=$GIT_SHA
