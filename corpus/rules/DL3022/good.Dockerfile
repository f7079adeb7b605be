ARG IMG=build
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /app
COPY --from=BUILD /out/app /app2
COPY --from=0 /out/app /app3
COPY --from=nginx:1.27 /etc/nginx /etc/nginx
COPY --from=ghcr.io/org/tool:1@sha256:abc /bin/tool /bin/tool
COPY --from=${IMG} /out/app /app4
COPY --from=$UNKNOWN /x /x
COPY /local /local
