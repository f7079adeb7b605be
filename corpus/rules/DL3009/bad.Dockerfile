FROM debian:12 AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM base AS builder
RUN apt-get update && apt-get install -y gcc

FROM base
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /tmp/*
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y jq
RUN apt-get update; apt-get install -y make;
RUN <<EOT
apt-get update
apt-get install -y vim
EOT
ONBUILD RUN apt-get update && apt-get install -y tini
