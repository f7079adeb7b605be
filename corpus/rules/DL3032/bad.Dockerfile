FROM centos:7
RUN yum install -y httpd-2.4.6
RUN yum clean all && yum install -y jq-1.6
RUN yum install -y make-3.82 && yum clean metadata
ONBUILD RUN yum -y module install nodejs:18
