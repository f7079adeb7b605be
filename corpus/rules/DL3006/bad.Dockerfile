ARG BASE=debian
FROM ${BASE} AS build
FROM python
FROM ghcr.io/org/app
