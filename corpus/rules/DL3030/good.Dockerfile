FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
RUN yum -y install jq-1.6 && yum clean all
RUN yum install --assumeyes make-3.82 && yum clean all
RUN yum groupinstall -y "Development Tools"
RUN yum clean all
RUN yum makecache
RUN echo yum install httpd
