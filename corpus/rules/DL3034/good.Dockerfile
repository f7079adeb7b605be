FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean
RUN zypper --non-interactive in git=2.43.0 && zypper clean
RUN zypper install -y make=4.2.1 && zypper clean
RUN zypper rm --no-confirm vim
RUN zypper refresh
RUN zypper search curl
RUN echo zypper install curl
