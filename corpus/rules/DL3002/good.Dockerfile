FROM debian:bookworm AS build
USER root

FROM debian:bookworm
USER root
RUN apt-get update
USER 10001
CMD ["app"]
