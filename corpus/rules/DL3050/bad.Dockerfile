FROM alpine:3.20
LABEL maintainer="team@example.com" org.opencontainers.image.sources="https://x"
LABEL Maintainer=x
