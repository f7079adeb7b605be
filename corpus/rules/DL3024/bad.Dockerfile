FROM golang:1.22 AS build
RUN go build -o /out/api ./cmd/api

FROM node:22 AS build
RUN npm ci

FROM alpine:3.20 as BUILD
