FROM centos:7
ARG HTTPD_VERSION=2.4.6
RUN yum install -y httpd-${HTTPD_VERSION} python3-pip-9.0.3 && yum clean all
RUN yum install -y /tmp/local.rpm https://example.org/pkg-1.0.x86_64.rpm && yum clean all
RUN yum module install -y nodejs:18 && yum clean all
RUN yum groupinstall -y "Development Tools" && yum clean all
RUN yum install -y @development && yum clean all
RUN yum install -y $PACKAGES && yum clean all
RUN yum remove -y httpd
RUN echo yum install httpd
RUN yum install -y /usr/bin/ps ./local.rpm && yum clean all
