FROM alpine:3.20 AS base
HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1

FROM base AS child

FROM child
COPY app /app

FROM nginx:1.27
HEALTHCHECK NONE
