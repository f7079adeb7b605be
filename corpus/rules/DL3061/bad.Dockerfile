# syntax=docker/dockerfile:1
ARG BASE=alpine:3.20
LABEL maintainer="team@example.com"
ENV A=1
FROM ${BASE}
RUN true
