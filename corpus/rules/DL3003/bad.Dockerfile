FROM golang:1.23
RUN cd /src && go build ./...
RUN (cd /opt && tar xf tool.tar) && \
    echo done
RUN for d in a b; do cd "$d"; done
