# Supported, moving or unknown: never findings.
FROM python:3.13-slim-bookworm AS py
FROM python:3 AS moving
FROM node:lts-alpine AS lts
FROM debian:bookworm-20240110 AS deb
FROM golang:1.24 AS go
FROM mycorp/app:3.8-buster AS unknown
FROM registry.example.com/base/jdk:17
ARG BASE
FROM ${BASE} AS unresolved
FROM scratch
