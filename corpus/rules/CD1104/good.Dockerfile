ARG VERSION=1.4.2
FROM python:3.12-slim AS build
ARG VERSION
WORKDIR /opt/app-${VERSION}
ENV APP_DIR=/srv/app PATH=/opt/bin:$PATH
COPY . $APP_DIR/
ENV LIB=/usr/local/lib/python${PYTHON_VERSION}
EXPOSE ${PORT:-8080}
COPY --chown=app:app --chmod=755 entry.sh $HOME/
RUN echo "$UNDEFINED_IN_SHELL"
CMD echo $ALSO_SHELL
ARG TARGETARCH
COPY bin/${TARGETARCH}/tool /usr/bin/tool
COPY bin/$TARGETOS/tool /usr/bin/tool2

FROM build AS child
WORKDIR $APP_DIR
ONBUILD COPY . $LATER_DEFINED
