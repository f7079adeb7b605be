FROM debian:12 AS unused-builder
RUN apt-get update && apt-get install -y gcc

FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y jq && rm -fr /var/lib/apt/lists
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y git
RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt \
    apt-get update && apt-get install -y make
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y vim
RUN apt-get install -y tini
RUN echo apt-get update
RUN apt-get update && apt-get install -y wget && apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates; \
	apt-get dist-clean
