ARG BASE=quay.io/org/app:1
FROM python:3.12-slim AS py
FROM ghcr.io/org/tool:1.0
FROM corp.example/app:1
FROM evilcorp.example/app:1
FROM ${BASE}
FROM docker.io/library/alpine:3.20
COPY --from=quay.io/org/tool:2 /bin/tool /usr/local/bin/tool
COPY --from=busybox:1.36 /bin/busybox /bin/busybox
