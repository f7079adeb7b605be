FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends app
RUN apt-get -o APT::Get::AllowUnauthenticated=false install -y app3
RUN apt-get -o Acquire::Retries=3 install -y app4
RUN yum install -y app && dnf --setopt=install_weak_deps=0 install -y app2
RUN rpm --import /tmp/key.asc && rpm -ivh /tmp/app.rpm
RUN apk add --no-cache app
RUN echo "apt-get install --allow-unauthenticated app"
RUN zypper --gpg-auto-import-keys refresh
