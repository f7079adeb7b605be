FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl
RUN apt search curl
RUN sudo apt-get update && sudo apt upgrade -y
RUN /usr/bin/apt remove -y vim
ONBUILD RUN apt list --installed
