FROM golang:1.22
RUN go install golang.org/x/tools/gopls@latest
RUN go install -v github.com/go-delve/delve/cmd/dlv
RUN go get github.com/pkg/errors@none
RUN go run github.com/a-h/templ/cmd/templ generate
ONBUILD RUN go install honnef.co/go/tools/cmd/staticcheck
