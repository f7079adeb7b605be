FROM alpine:3.20
# caulk ignore=DL3018 -- pinned upstream, expires=2027-02-15
RUN apk add curl
# caulk ignore=DL3059 -- no expiry at all
RUN echo two
