FROM debian:12
RUN echo "a | b"
RUN ls || true
RUN set -o pipefail && curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg
RUN set -euxo pipefail; ls | sort
RUN ["sh", "-c", "ls | sort"]
ONBUILD RUN ls | sort

FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ls | sort

FROM alpine:3.20
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN ls | sort

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-ChildItem | Select-Object Name
