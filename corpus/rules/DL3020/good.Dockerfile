FROM python:3.12-slim
ADD https://example.com/tool.tgz /opt/
ADD rootfs.tar.xz /
COPY requirements.txt /app/
