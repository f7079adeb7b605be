FROM node:20
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
ENV PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true
ARG PIP_TRUSTED_HOST
ENV GIT_SSL_NO_VERIFY=
RUN curl -fsSL https://example.com/a -o /tmp/a
RUN wget -q https://example.com/c
RUN pip install --cert /etc/ssl/certs/ca.crt app
RUN git config --global http.sslverify true
RUN npm config set strict-ssl true
RUN echo "curl -k https://x" && echo NODE_TLS_REJECT_UNAUTHORIZED=0
RUN dnf --setopt=install_weak_deps=0 install -y app
RUN tar -k -xf /tmp/a.tar
RUN git config --global core.editor vim
