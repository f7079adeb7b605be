FROM debian:12
RUN useradd -m app && echo 'app:changeme' | chpasswd
RUN echo "root:root" | sudo chpasswd -e
RUN echo secret | passwd --stdin app
RUN printf 'pw\npw\n' | passwd app
RUN useradd -m -p '$6$salt$hash' admin && usermod --password 'x' admin
ONBUILD RUN chpasswd < /tmp/users
