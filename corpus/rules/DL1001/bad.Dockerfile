FROM debian:bookworm
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y curl
#hadolint ignore=DL3009,DL3015
RUN apt-get install -y wget
