FROM debian:12
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg
RUN echo start && \
    wget -qO- https://example.com/a.tgz |& tar xz
RUN (cd /tmp && ls) | wc -l
RUN grep -c x /etc/passwd | tee /tmp/n; set -o pipefail

FROM alpine:3.20
SHELL ["/bin/sh", "-c"]
RUN cat /etc/os-release | grep ID

FROM alpine:3.20
SHELL ["/bin/bash", "-e", "-c"]
RUN ls | sort
