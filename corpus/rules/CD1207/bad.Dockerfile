FROM alpine:3.20
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
ADD --chown=app http://example.com/a.tgz local.txt /opt/
ADD https://example.com/${VERSION}/tool /usr/bin/tool
ONBUILD ADD https://example.com/x /x
