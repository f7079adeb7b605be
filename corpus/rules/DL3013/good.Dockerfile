FROM python:3.12-slim
ARG DJANGO_VERSION=5.0
RUN pip install --no-cache-dir flask==3.0.3 "gunicorn>=22" uvicorn~=0.30 django==${DJANGO_VERSION}
RUN pip install --no-cache-dir -r requirements.txt
RUN pip install --no-cache-dir --requirement=requirements.txt extra
RUN pip install --no-cache-dir -c constraints.txt flask
RUN pip install --no-cache-dir .
RUN pip install --no-cache-dir -e .
RUN pip install --no-cache-dir ./libs/core /wheels/pkg-1.0-py3-none-any.whl dist/pkg-1.0.tar.gz
RUN pip install --no-cache-dir "mypkg @ https://example.org/mypkg-1.0.zip"
RUN pip install --no-cache-dir git+https://github.com/psf/black@24.4.2
RUN pip install --no-cache-dir $PACKAGES
RUN pipx install black
RUN pip download flask
RUN python3 -m venv /venv
