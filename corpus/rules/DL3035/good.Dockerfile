FROM opensuse/leap:15.6
RUN zypper -n update
RUN zypper -n patch
RUN echo zypper dup
RUN apt-get dist-upgrade -y
