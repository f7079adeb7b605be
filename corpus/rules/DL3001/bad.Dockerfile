FROM debian:12
RUN apt-get install -y nginx && service nginx start
RUN ps aux | grep nginx
RUN sudo kill -9 1
ONBUILD RUN top -b -n 1
RUN vim /etc/hosts; ssh user@host true; mount -t tmpfs none /mnt; free -m; shutdown -h now
