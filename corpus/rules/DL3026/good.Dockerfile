ARG BASE=registry.example.com/base:1
FROM registry.example.com/mirror/python:3.12-slim AS py
FROM build.corp.example/app:1
FROM a.b.corp.example/app:1
FROM REGISTRY.example.com/x:1
FROM scratch
FROM py
FROM ${BASE}
FROM ${UNKNOWN}
