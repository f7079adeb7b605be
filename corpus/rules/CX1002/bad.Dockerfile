FROM alpine:3.20 AS build
# caulk ignore=DL3018 -- pinned upstream, expires=2027-01-15
RUN apk add curl
# hadolint ignore=DL3007 expires=2026-12-31
FROM alpine:latest
# caulk ignore=DL3059 -- split for caching; expires=someday
RUN echo two
