FROM debian:12
RUN useradd -u 10001 app
RUN useradd -l -u 123456789 app2
RUN useradd --no-log-init --uid 1000000 app3
RUN useradd -lu 1234567 app4
RUN useradd -u "$BIG_UID" app5
RUN adduser --uid 1234567 app6
RUN useradd -m -G 1234567 app7
