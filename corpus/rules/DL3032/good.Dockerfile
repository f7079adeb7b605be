FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
RUN yum install -y jq-1.6 && rm -rf /var/cache/yum
RUN yum install -y make-3.82; rm -rf /var/cache/yum/*
RUN --mount=type=cache,target=/var/cache/yum yum install -y gcc-4.8.5
RUN yum makecache
RUN dnf install -y tar-1.34
