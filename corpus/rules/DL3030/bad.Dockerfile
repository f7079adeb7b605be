FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
RUN yum groupinstall "Development Tools" && yum clean all
RUN sudo yum --enablerepo=epel install jq-1.6 && yum clean all
RUN yum module install nodejs:18 && yum clean all
ONBUILD RUN yum localinstall /tmp/pkg.rpm
