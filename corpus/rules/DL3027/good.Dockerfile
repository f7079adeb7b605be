FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-cache search curl
RUN apt-get install -y apt
RUN echo apt install curl
RUN apt-key adv --recv-keys ABC
RUN ["apt", "install", "-y", "curl"]
