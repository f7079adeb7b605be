FROM python:3.13-slim
WORKDIR /app
COPY requirements.txt ./
COPY . .
