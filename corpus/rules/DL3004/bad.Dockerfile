FROM debian:12
RUN sudo apt-get update
RUN apt-get install -y curl && sudo -E -u app make install
RUN sudo -v
ONBUILD RUN sudo chown app /data
RUN <<EOF2
sudo rm -rf /tmp/x
EOF2
