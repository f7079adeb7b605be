FROM alpine:3.20
LABEL org.opencontainers.image.authors="Platform Team"
LABEL org.opencontainers.image.authors="Team <team@example.com>"
LABEL org.opencontainers.image.authors=team@
