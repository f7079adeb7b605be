FROM golang:1.22 AS build
RUN go build ./...

from alpine:3.20 as final
COPY --from=build /out /bin/

# Mixed-case FROM has no casing to match.
From alpine:3.20 as tools
FROM alpine:3.20
