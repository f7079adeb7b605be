FROM alpine:3.20
LABEL org.opencontainers.image.authors=team@example.com
LABEL org.opencontainers.image.authors="first.last+tag@sub.example.org"
LABEL maintainer="Platform Team"
