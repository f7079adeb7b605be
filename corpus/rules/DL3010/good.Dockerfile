FROM debian:12
COPY app.tar.gz /tmp/
RUN tar -tzf /tmp/app.tar.gz
COPY notes.txt /tmp/
RUN tar -czf /tmp/notes.tar.gz /tmp/notes.txt
COPY --from=builder /out/app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz

FROM debian:12
RUN tar -xzf /tmp/other.tar.gz
COPY other.tar.gz /tmp/
