FROM debian:12
RUN ln -sf /bin/bash /bin/sh
RUN rm /bin/sh && ln -s /bin/dash /bin/sh
ONBUILD RUN ln -s -f bash /bin/sh
