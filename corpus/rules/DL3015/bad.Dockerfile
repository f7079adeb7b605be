FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN apt-get -y install git make
RUN apt-get install -y -o APT::Install-Recommends=true vim
ONBUILD RUN apt-get install -y jq
