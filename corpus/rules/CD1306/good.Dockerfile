FROM debian:12
RUN chmod 755 /usr/local/bin/tool
RUN chmod u-s /usr/bin/passwd && chmod a-s /usr/bin/chsh
RUN chmod 1777 /tmp/shared && chmod +x /entrypoint.sh
RUN chmod 0755 /usr/local/bin/a
RUN install -m 0755 tool /usr/local/bin/tool
COPY --chmod=0644 config /etc/app/
RUN chmod "$MODE" /x
RUN echo "chmod u+s x"
RUN chmod --reference=/bin/ls /usr/local/bin/tool
