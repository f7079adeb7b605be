FROM debian:bookworm AS build
USER 10001

FROM debian:bookworm
USER app
RUN echo hi
USER root:root
CMD ["app"]
