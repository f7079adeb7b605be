FROM golang:1.22
ARG GOPLS_VERSION=v0.16.1
RUN go install golang.org/x/tools/gopls@v0.16.1
RUN go install golang.org/x/tools/cmd/goimports@${GOPLS_VERSION}
RUN go install -ldflags "-s -w" ./cmd/app
RUN go install .
RUN go get -u ./...
RUN go run main.go arg
RUN go run ./cmd/gen some-arg other-arg
RUN go run github.com/a-h/templ/cmd/templ@v0.2.747 generate ./...
RUN go build -o /app ./cmd/app
RUN go mod download
RUN go get
RUN echo go install golang.org/x/tools/gopls
