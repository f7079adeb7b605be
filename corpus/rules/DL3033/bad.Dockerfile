FROM centos:7
RUN yum install -y httpd python3-pip epel-release-7-14 && yum clean all
RUN yum -y module install nodejs && yum clean all
RUN yum install -y --enablerepo=epel yum-utils && yum clean all
ONBUILD RUN yum install -y tar
