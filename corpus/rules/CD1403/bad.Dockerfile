FROM golang:1.24 AS build
# Build stages may hold any tools.
RUN apt-get update && apt-get install -y --no-install-recommends gcc make git
FROM debian:12-slim AS base
# The final stage builds on this stage, so it ships too.
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential=12.9 libssl-dev ca-certificates \
 && rm -rf /var/lib/apt/lists/*
FROM base
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
# Removed again, but only gcc: g++ stays.
RUN apt-get update && apt-get install -y gcc g++ && apt-get purge -y gcc
COPY --from=build /out/app /usr/local/bin/app
