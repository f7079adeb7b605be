FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
RUN microdnf install -y tar-1.34 && microdnf clean all
RUN dnf install -y make-4.4 && rm -rf /var/cache/dnf
RUN dnf install -y gcc-14 && rm -rf /var/cache/yum/*
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y git-2.45
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y vim-9.1
RUN dnf makecache
