FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20 AS base
HEALTHCHECK CMD true

FROM alpine:3.20
ONBUILD HEALTHCHECK CMD true
COPY --from=build /out/app /app
