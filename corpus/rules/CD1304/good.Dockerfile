FROM debian:12
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
RUN wget -q https://example.com/install.sh | sh
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg
RUN echo "curl https://example.com/x | sh"
RUN sh -c "$(cat /tmp/local.sh)"
RUN curl -fsSL https://example.com/sums | sh -c 'cat > /tmp/sums'
RUN bash -c "echo $(curl -fsSL https://example.com/version)"
RUN curl -fsSL https://example.com/config.json | bash /usr/local/bin/apply-config.sh
