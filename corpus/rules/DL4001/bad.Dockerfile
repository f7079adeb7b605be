FROM debian:12
RUN curl -fsSLo /tmp/a https://example.com/a
RUN wget -q https://example.com/b && wget -q https://example.com/c
ONBUILD RUN sudo wget -q https://example.com/d

FROM debian:12
RUN wget -q https://example.com/a && curl -fsSL https://example.com/b
