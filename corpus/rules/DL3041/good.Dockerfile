FROM fedora:40
ARG HTTPD_VERSION=2.4.62
RUN dnf install -y httpd-${HTTPD_VERSION} python3-pip-23.3.2 nginx-1:1.26.1-1.fc40 && dnf clean all
RUN microdnf install -y tar-1.34 && microdnf clean all
RUN dnf install -y /tmp/local.rpm && dnf clean all
RUN dnf module install -y nodejs:20 && dnf clean all
RUN dnf group install -y "Development Tools" && dnf clean all
RUN dnf install -y @development-tools && dnf clean all
RUN dnf remove -y httpd
RUN echo dnf install httpd
RUN dnf install -y /usr/bin/ps && dnf clean all
