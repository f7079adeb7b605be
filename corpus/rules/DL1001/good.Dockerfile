# hadolint global ignore=DL3008
FROM debian:bookworm
# caulk ignore=DL3008
RUN apt-get update && apt-get install -y curl
# this mentions hadolint ignore= but is prose
# hadolint shell=bash
RUN true
