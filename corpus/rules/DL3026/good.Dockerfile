ARG BASE=registry.example.com/base:1
FROM registry.example.com/mirror/python:3.12-slim AS py
FROM build.corp.example/app:1
FROM a.b.corp.example/app:1
FROM REGISTRY.example.com/x:1
FROM scratch
FROM py
FROM ${BASE}
FROM ${UNKNOWN}
COPY --from=py /usr/local /usr/local
COPY --from=0 /x /x
COPY --from=registry.example.com/tools/jq:1.7 /jq /usr/local/bin/jq
COPY --from=${TOOLS_IMAGE} /t /t
