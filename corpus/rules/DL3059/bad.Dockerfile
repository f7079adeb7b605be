FROM debian:12
RUN apt-get update
RUN apt-get install -y curl
# a comment between RUNs does not separate them
RUN mkdir /app

RUN --mount=type=cache,target=/root/.cache pip install a
RUN --mount=type=cache,target=/root/.cache pip install b

COPY x /x
RUN echo one &
RUN echo two
RUN ["echo", "three"]
