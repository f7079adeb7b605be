FROM opensuse/leap:15.6
RUN zypper install curl=8.6.0 && zypper clean
RUN zypper in git=2.43.0 && zypper clean
RUN zypper --gpg-auto-import-keys refresh && zypper update
RUN zypper rm vim
ONBUILD RUN zypper patch
