FROM --platform=linux/amd64 golang:1.22 AS build
FROM --platform="linux/arm64" alpine:3.20
FROM --platform=$BUILDOS/$BUILDARCH alpine:3.20
