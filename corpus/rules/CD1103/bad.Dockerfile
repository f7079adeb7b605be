FROM debian:12
ENV LANG C.UTF-8
ENV GREETING hello   big world
LABEL description A small tool
ENV QUOTED "already quoted"
ENV MSG say \"hi\" now
env PATH /opt/bin:$PATH
ONBUILD ENV MODE production
