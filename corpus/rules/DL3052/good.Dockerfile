FROM alpine:3.20
ARG REPO_URL
LABEL org.opencontainers.image.source="https://github.com/example/app"
LABEL org.opencontainers.image.source=git+ssh://git@github.com/example/app.git
LABEL org.opencontainers.image.source=$REPO_URL
LABEL maintainer="not a url"
