ARG BASE=node:22
FROM python:3.12-slim AS build
FROM ${BASE}
FROM ghcr.io/org/tool:1.2
FROM build
