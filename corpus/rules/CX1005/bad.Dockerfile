FROM alpine:3.20
# caulk ignore=DL3018,DL3059 -- pinned upstream
RUN apk add curl
# hadolint ignore=DL3002
USER root
