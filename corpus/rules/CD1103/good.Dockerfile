FROM debian:12
ENV LANG=C.UTF-8
ENV A=1 B="two words"
LABEL description="A small tool" version=1
ARG X Y
ENV EMPTY=
