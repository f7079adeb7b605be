FROM debian:12
RUN apt-get update && apt-get install -y sudo
RUN echo "sudo make me a sandwich"
RUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app && visudo -c
RUN ["sudo", "ls"]
USER root
RUN gosu app true
