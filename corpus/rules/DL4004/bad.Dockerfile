FROM alpine:3.20
ENTRYPOINT ["/bin/sh"]
ENTRYPOINT ["/app"]
