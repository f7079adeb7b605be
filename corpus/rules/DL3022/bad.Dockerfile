FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20 AS tools
COPY --from=builder /out/app /app
COPY --from=5 /x /y
COPY --from=nginx /etc/nginx /etc/nginx
COPY --from=later /z /z

FROM alpine:3.20 AS later
