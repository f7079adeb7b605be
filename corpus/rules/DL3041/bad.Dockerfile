FROM fedora:40
RUN dnf install -y httpd python3-pip gcc-14.1.1 && dnf clean all
RUN microdnf install -y tar && microdnf clean all
RUN dnf -y module install nodejs && dnf clean all
ONBUILD RUN dnf install -y dnf-plugins-core
