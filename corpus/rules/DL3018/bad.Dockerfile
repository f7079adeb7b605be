FROM alpine:3.20
RUN apk add --no-cache curl bash=5.2.26-r0 \
      git
RUN apk --no-cache add --virtual .build-deps gcc musl-dev=1.2.5-r0
ONBUILD RUN apk add -t .deps make
RUN sudo apk add "jq"
RUN fetchDeps='ca-certificates gnupg=2.4.5-r0'; apk add --no-cache ${fetchDeps}
