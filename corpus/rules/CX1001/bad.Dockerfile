FROM alpine:3.20
# caulk ignore=DL3018
RUN echo "no apk here"
# hadolint ignore=DL3007,NOPE
RUN echo hi
