FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app

FROM builder AS test-2
ARG NAME=Stage
FROM alpine:3.20 AS ${NAME}
FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
