FROM golang:1.23 AS build
USER 10001
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --from=build /out/app /app
CMD ["/app"]
