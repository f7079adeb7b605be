FROM debian:12
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
COPY vendor/tools.tar /tmp/tools-archive.tar
RUN cd /opt && tar xf /tmp/tools-archive.tar
COPY data.tar.xz /tmp/
RUN tar --extract --file=/tmp/data.tar.xz
