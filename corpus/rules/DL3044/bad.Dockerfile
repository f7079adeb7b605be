FROM alpine:3.20
ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
ENV A=1 B="${A}x" C=$A
ENV X=$Y Y=2
