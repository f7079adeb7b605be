FROM node:22-slim
COPY .npmrc package.json package-lock.json ./
COPY id_rsa /root/.ssh/id_rsa
ADD .env.production /app/.env
COPY --chown=app tls/server.key tls/server.pem /etc/tls/
COPY ["credentials.json", "/app/"]
COPY .aws/credentials /root/.aws/credentials
COPY --from=builder /root/.ssh/ /root/.ssh/
ONBUILD COPY .env /app/
