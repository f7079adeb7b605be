FROM python:3.13-slim AS app
WORKDIR /app
COPY requirements.txt ./
COPY . .

FROM python:3.13-slim
ADD ./ /srv/
COPY --from=app /app /app
