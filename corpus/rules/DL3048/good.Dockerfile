FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
LABEL maintainer="team@example.com" version=1 com.example.app-name=x a1=2
LABEL com.dockerx.thing=1 registry_image=r.example.com/app com.example/team=x
ONBUILD LABEL Bad_Key=1
