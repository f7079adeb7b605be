FROM opensuse/leap:15.6
RUN zypper install -y curl git=2.43.0 && zypper clean
RUN zypper -n in --no-recommends "make" && zypper clean
ONBUILD RUN zypper -n install vim
