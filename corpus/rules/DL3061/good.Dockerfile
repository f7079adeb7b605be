# syntax=docker/dockerfile:1
# a comment
ARG BASE=alpine:3.20
ARG TAG
FROM ${BASE}
LABEL maintainer="team@example.com"
