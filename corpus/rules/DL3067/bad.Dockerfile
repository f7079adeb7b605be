FROM golang:1.22 AS build
FROM alpine:3.20
COPY --from=build / /
COPY --from=build "/" "/"
COPY --chown=1000 --from=0 /etc / /
