FROM opensuse/leap:15.6
RUN zypper -n dist-upgrade
RUN zypper refresh && zypper --non-interactive dup && zypper clean
ONBUILD RUN zypper dup -y
