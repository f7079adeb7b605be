FROM opensuse/leap:15.6
RUN zypper install -y curl=8.6.0
RUN zypper clean && zypper -n in git=2.43.0
ONBUILD RUN zypper -n install make=4.2.1
