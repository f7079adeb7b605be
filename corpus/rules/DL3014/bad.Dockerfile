FROM debian:12
RUN apt-get update && apt-get install --no-install-recommends curl
RUN apt-get -q install git
RUN apt-get install --quiet=1 -q=1 make
RUN sudo apt-get install \
      vim
ONBUILD RUN apt-get install jq
