FROM golang:1.22 AS Builder
RUN go build -o /out/app ./cmd/app

FROM Builder AS Test
RUN --mount=type=cache,from=BUILDER,target=/cache go test ./...

FROM gcr.io/distroless/static-debian12
COPY --from=Builder /out/app /app
COPY --from=builder /out/app /app2
