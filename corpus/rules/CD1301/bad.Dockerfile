FROM debian:12
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl

FROM alpine:3.20
RUN apk update && apk upgrade --available && apk update

FROM opensuse/leap:15.6
RUN zypper --non-interactive refresh
ONBUILD RUN apt update -q
