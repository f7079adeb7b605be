FROM debian:12
RUN apt-get install -y curl wget
RUN curl -fsSLo /tmp/a https://example.com/a
RUN echo "wget is not used here"

FROM debian:12
RUN wget -q https://example.com/b
RUN which curl || true
