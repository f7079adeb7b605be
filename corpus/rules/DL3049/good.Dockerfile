FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20 AS base
LABEL maintainer="team@example.com" \
      org.opencontainers.image.source="https://github.com/example/app" \
      org.opencontainers.image.created="2024-05-01T12:30:00Z" \
      org.opencontainers.image.licenses="MIT"

FROM base
LABEL org.opencontainers.image.revision=3f2c1a9 org.opencontainers.image.version=1.0.0 \
      org.opencontainers.image.authors=team@example.com
COPY --from=build /out/app /app
