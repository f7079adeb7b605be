FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
RUN microdnf -y install tar-1.34 && microdnf clean all
RUN dnf install --assumeyes make-4.4 && dnf clean all
RUN dnf makecache
RUN yum install httpd
RUN echo dnf install httpd
