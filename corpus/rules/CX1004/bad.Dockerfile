# hadolint global ignore=DL3059 --
FROM alpine:3.20
# caulk ignore=DL3018
RUN apk add curl
# caulk ignore=DL3018 expires=2027-06-01
RUN apk add git
