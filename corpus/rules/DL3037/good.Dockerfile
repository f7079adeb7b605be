FROM opensuse/leap:15.6
RUN zypper install -y curl=8.6.0 "git>=2.43" "gcc<8" && zypper clean
RUN zypper -n install /tmp/local.rpm && zypper clean
RUN zypper -n install $PACKAGES && zypper clean
RUN zypper -n rm vim
RUN echo zypper install curl
