FROM fedora:40
RUN dnf install -y httpd-2.4.62
RUN microdnf install -y tar-1.34 && microdnf clean metadata
RUN dnf clean all && dnf install -y make-4.4
ONBUILD RUN dnf -y module install nodejs:20
