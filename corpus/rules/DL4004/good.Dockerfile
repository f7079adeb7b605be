FROM alpine:3.20 AS one
ENTRYPOINT ["/bin/sh"]
FROM alpine:3.20
ENTRYPOINT ["/app"]
