FROM alpine:3.20
ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
ADD https://github.com/moby/buildkit.git#v0.14.1 /src
ADD --keep-git-dir=true https://github.com/moby/moby.git /moby
ADD git@github.com:user/repo.git /repo
ADD rootfs.tar.xz /
