FROM debian:12
RUN apt-get update
WORKDIR /app
RUN apt-get install -y curl
RUN --network=none make test
RUN echo a && echo b
RUN echo d
ONBUILD RUN echo e
RUN echo f
RUN echo "built on $(date)"
RUN chmod +x /usr/local/bin/setup
RUN setup && rm /usr/local/bin/setup
RUN --mount=type=cache,target=/root/.cache pip install a
RUN --mount=type=cache,target=/root/.npm npm ci
