FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates=20230311 \
      git \
    && rm -rf /var/lib/apt/lists/*
RUN sudo apt-get -o Dpkg::Options::=--force-confnew install -y "wget" 'vim'
ONBUILD RUN apt-get install -y -t bookworm-backports jq
RUN apt-get install -y client-"${MAJOR}" tool=${TOOL_VERSION}
RUN if true; then apt-get install -y make; fi
RUN buildDeps=' \
      gcc \
      libc6-dev=2.36-9 \
    ' \
    && apt-get install -y $buildDeps
