FROM alpine:3.20
# caulk ignore=DL3059 -- split for caching
RUN apk add curl=8.9.1-r0
USER app
