FROM debian:12
RUN wget https://example.com/a.tar.gz
RUN wget -O /tmp/b.tar.gz https://example.com/b.tar.gz && tar xzf /tmp/b.tar.gz
RUN wget -nc -v https://example.com/c
ONBUILD RUN wget https://example.com/d
RUN sudo wget -O- https://example.com/e | tar xz
