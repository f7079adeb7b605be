FROM golang:1.22 AS build
FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
COPY --from=build / /rootfs/
COPY / /
COPY --from=build /etc/ /
