FROM python:3.12-slim AS base
RUN pip install -r requirements.txt
RUN python3 -m pip install flask==3.0.3
RUN PIP_NO_CACHE_DIR=0 pip3 install gunicorn==22.0.0
ENV PIP_NO_CACHE_DIR=1

FROM python:3.12-slim
RUN --mount=type=cache,target=/var/cache/apt pip install uvicorn==0.30.1
ONBUILD RUN pip install -e .
