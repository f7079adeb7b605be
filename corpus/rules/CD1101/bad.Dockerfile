FROM alpine:3.20
run apk add --no-cache curl
Copy app /app
ONBUILD run echo hi
CMD ["/app"]
