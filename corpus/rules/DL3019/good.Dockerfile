FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0
RUN apk --no-cache add gcc=13.2.1-r0
RUN --mount=type=cache,target=/var/cache/apk apk add git=2.45.2-r0
RUN --mount=type=cache,target=/etc/apk/cache apk add bash=5.2.26-r0
RUN apk del curl
RUN apk update
RUN echo apk add curl
