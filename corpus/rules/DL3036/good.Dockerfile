FROM opensuse/leap:15.6
RUN zypper install -y curl=8.6.0 && zypper clean
RUN zypper -n in git=2.43.0 && zypper cc -a
RUN zypper -n install make=4.2.1 && rm -rf /var/cache/zypp/*
RUN --mount=type=cache,target=/var/cache/zypp zypper -n install gcc=7
RUN zypper -n refresh
