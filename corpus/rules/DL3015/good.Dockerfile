FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get -y --no-install-recommends install git
RUN apt-get install -y -o APT::Install-Recommends=false vim
RUN apt-get install -y -o APT::Install-Recommends=0 jq
RUN apt-get -y upgrade
RUN apt-get install --no-install-recommends -y make
