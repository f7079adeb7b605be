FROM debian:12
RUN apt-get update && apt-get install -y --allow-unauthenticated app
RUN apt-get install -y --force-yes app2
RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y app3
RUN apt-get update --allow-insecure-repositories
RUN yum install -y --nogpgcheck app && dnf --setopt=gpgcheck=0 install -y app2
RUN rpm -ivh --nosignature /tmp/app.rpm
RUN zypper --no-gpg-checks install -y app
ONBUILD RUN apk add --no-cache --allow-untrusted /tmp/app.apk
