FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1
RUN pip install -r requirements.txt

FROM base
RUN pip install flask==3.0.3

FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt
RUN PIP_NO_CACHE_DIR=1 pip install gunicorn==22.0.0
RUN export PIP_NO_CACHE_DIR=true && pip install uvicorn==0.30.1
RUN --mount=type=cache,target=/root/.cache/pip pip install django==5.0
RUN pipx install black
RUN pip download flask
RUN echo pip install flask
