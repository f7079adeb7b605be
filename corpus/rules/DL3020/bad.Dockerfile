FROM python:3.12-slim
ADD requirements.txt /app/
add src/ /app/src/
ADD app.tar.gz config.json /opt/
