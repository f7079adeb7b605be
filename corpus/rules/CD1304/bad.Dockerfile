FROM debian:12
RUN curl -fsSL https://example.com/install.sh | sh
RUN wget -qO- https://example.com/install.sh | sudo bash -s -- --yes
RUN curl -sL https://deb.nodesource.com/setup_20.x | tee /tmp/log | bash -
RUN bash <(curl -fsSL https://example.com/install.sh)
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
ONBUILD RUN curl https://example.com/x.sh | /bin/sh
RUN curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg
