FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01"
LABEL org.opencontainers.image.created="2024-05-01T12:30:00"
LABEL org.opencontainers.image.created="2023-02-29T12:30:00Z"
