FROM debian:12
RUN chmod u+s /usr/local/bin/tool
RUN chmod 4755 /usr/local/bin/tool && chmod -R g+s /srv/shared
RUN chmod +s /usr/bin/ping
RUN install -m 6755 tool /usr/local/bin/tool
COPY --chmod=2755 tool /usr/local/bin/
ONBUILD RUN chmod ug=rwxs,o=rx /usr/local/bin/tool
