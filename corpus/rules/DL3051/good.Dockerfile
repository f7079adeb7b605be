FROM alpine:3.20
ARG VERSION
LABEL maintainer="team@example.com" org.opencontainers.image.version=$VERSION
LABEL not.in.schema=""
