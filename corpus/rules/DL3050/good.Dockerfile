FROM alpine:3.20
LABEL maintainer="team@example.com" org.opencontainers.image.source="https://x"
ONBUILD LABEL extra=1
