FROM debian:12
ARG CURL_VERSION=7.88.1-10
RUN apt-get update && apt-get install -y --no-install-recommends \
      curl=${CURL_VERSION} ca-certificates=20230311 \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get install -y ./local-package.deb /tmp/other.deb
RUN apt-get install -y jq/bookworm-backports
RUN apt-get install -y $PACKAGES
RUN echo "apt-get install curl"
RUN apt-get update && apt-get -y upgrade
RUN apt-cache show curl
RUN ["apt-get", "install", "-y", "curl"]
RUN deps='curl=7.88.1-10 git=1:2.39.2-1' && apt-get install -y ${deps}
RUN apt-get install -y "$deps" $UNKNOWN
