FROM alpine:3.20
# caulk ignore=DL3018 -- pinned upstream, expires=2027-02-01
RUN apk add curl
# caulk ignore=DL3059 expires=2027-01-16 -- split for caching
RUN echo two
