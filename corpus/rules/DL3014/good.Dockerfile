FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN apt-get install --yes git
RUN apt-get install --assume-yes make
RUN apt-get -qq install vim
RUN apt-get -q -q install jq
RUN apt-get -q=2 install wget
RUN apt-get --quiet --quiet install tini
RUN apt-get -qy install less
RUN apt-get -o APT::Get::Assume-Yes=true install zip
RUN apt-get update
RUN apt-get remove curl
RUN echo apt-get install curl
