FROM debian:12
RUN apt-get install -y vim procps openssh-client
RUN echo "ps aux" && which ps
RUN git config --global core.editor vim
RUN systemctl enable nginx
RUN killall5 -v || true
RUN psql --version && topgrade --help
