FROM debian:12
RUN apt-get update && \

    apt-get install -y curl
RUN echo a \
    # a comment
  

    && echo b
ENV A=1 \

    B=2
