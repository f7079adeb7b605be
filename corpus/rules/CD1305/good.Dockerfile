FROM debian:12
RUN useradd -m app
RUN passwd -l root
RUN passwd -d app
RUN apt-get install -y passwd
RUN echo "use chpasswd at run time" > /README
RUN useradd -m -p "$APP_PASSWORD_HASH" app2
RUN useradd -m -s /bin/bash app3
