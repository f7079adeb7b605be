FROM debian:12
RUN wget -q https://example.com/a
RUN wget -qO- https://example.com/b | tar xz
RUN wget --progress=dot:giga https://example.com/c
RUN wget -nv https://example.com/d
RUN wget --no-verbose https://example.com/e
RUN wget -o /tmp/wget.log https://example.com/f
RUN wget -a /tmp/wget.log https://example.com/g
RUN wget --quiet --output-document=- https://example.com/h
RUN apt-get install -y wget && echo "wget https://x"
