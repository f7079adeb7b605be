FROM debian:bookworm-slim AS base
USER 10001

FROM base
CMD ["/app"]

FROM gcr.io/distroless/static:nonroot AS other
