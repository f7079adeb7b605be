FROM node:20
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
ARG PIP_TRUSTED_HOST=pypi.internal
ENV GIT_SSL_NO_VERIFY=true PYTHONHTTPSVERIFY=0
RUN curl -fsSLk https://example.com/a -o /tmp/a && curl --insecure https://example.com/b
RUN wget --no-check-certificate https://example.com/c
RUN pip install --trusted-host pypi.internal -i http://pypi.internal/simple app
RUN git -c http.sslVerify=false clone https://git.internal/repo.git
RUN git config --global http.sslverify false
RUN npm config set strict-ssl false && yarn config set strict-ssl false
RUN dnf --setopt=sslverify=0 install -y app && yum --setopt=internal.sslverify=false makecache
RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm install && export NPM_CONFIG_STRICT_SSL=false
ONBUILD RUN env GIT_SSL_NO_VERIFY=1 git fetch
