FROM alpine:3.20
WORKDIR /proc
WORKDIR /sys/fs/app
WORKDIR //dev/
WORKDIR "/boot/x"
WORKDIR /app/../lost+found
ONBUILD WORKDIR /initrd
