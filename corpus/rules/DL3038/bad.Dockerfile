FROM fedora:40
RUN dnf install httpd-2.4.62 && dnf clean all
RUN microdnf install tar-1.34 && microdnf clean all
RUN dnf module install nodejs:20 && dnf clean all
ONBUILD RUN dnf group install "Development Tools"
