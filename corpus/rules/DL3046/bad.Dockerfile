FROM debian:12
RUN useradd -u 123456789 app
RUN useradd --uid=1000000 -m svc
RUN groupadd -g 1234567 g && useradd -mu1234567 -g g other
ONBUILD RUN useradd --uid 99999999 late
