ARG VERSION=1.4.2
FROM debian:12 AS build
WORKDIR /opt/app-${VERSION}
ENV APP_DIR=/srv/app
COPY --chown=${APP_USER} . $APP_DIR/$VERSON
LABEL org.opencontainers.image.version=$RELEASE

FROM debian:12
COPY --from=build $APP_DIR /app

FROM scratch
USER ${PYTHON_USER}
