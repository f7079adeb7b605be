FROM golang:1.23
WORKDIR /src
RUN go build ./...
RUN echo "cd /src"
RUN git clone --depth 1 https://example.com/cd.git
ONBUILD RUN cd /src && make
