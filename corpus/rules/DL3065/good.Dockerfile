FROM --platform=$BUILDPLATFORM alpine:3.20
FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20
FROM alpine:3.20
