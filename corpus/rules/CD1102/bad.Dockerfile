FROM golang:1.22 as build
RUN go build ./...

from alpine:3.20 AS final
COPY --from=build /out /bin/

FROM alpine:3.20 As tools
