FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/example/app"
LABEL org.opencontainers.image.source="https://exa mple.com"
LABEL org.opencontainers.image.source=""
