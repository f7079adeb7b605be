FROM debian:12
RUN apt-get update && \
    apt-get install -y curl

RUN echo a \
    # a comment
    && echo b

RUN <<EOF
echo one

echo two
EOF

COPY <<EOF /etc/motd

hello
EOF
