FROM debian:12
SHELL ["/bin/bash", "-c"]
RUN ln -s /bin/bash /usr/local/bin/sh
RUN ln -sf /bin/sh /usr/bin/mysh
RUN echo "ln -s /bin/bash /bin/sh"
RUN ln -s /bin/shell /bin/shx
