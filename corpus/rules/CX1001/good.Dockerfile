FROM alpine:3.20
# hadolint ignore=SC2086
RUN echo $HOME
