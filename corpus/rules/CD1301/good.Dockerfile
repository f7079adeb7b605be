FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && cat /tmp/pkgs | xargs apt-get install -y
RUN apt-get update && ./install-deps.sh
RUN apt-get update && install_packages curl
RUN update-ca-certificates && update-ca-trust extract
RUN echo "apt-get update"
RUN apt-get -q update && apt-get -yq dist-upgrade

FROM alpine:3.20
RUN apk update && apk add --no-cache curl
