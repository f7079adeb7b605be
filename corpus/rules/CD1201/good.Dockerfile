FROM python:3.12-slim
# Download-verification fingerprints, as in the official images.
ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305
ENV NODE_GPG_KEYS="4ED778F539E3634C779C87C6D7062848A1AB005C"
ENV PUBLIC_KEY=/etc/keys/pub.pem
ENV PASSWORD_FILE=/run/secrets/db_password TOKEN_URL=https://auth.example.com/token
ENV PASSWORD_LENGTH=16 SECRETS_DIR=/run/secrets
ENV AWS_ACCESS_KEY_ID_FILE=/run/secrets/aws KEY_ID=0x1234 CACHE_KEY=v2
ENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json
ENV TOKENIZERS_PARALLELISM=false KEEPASSXC_VERSION=2.7 PWD=/app
ARG OAUTH2_PROXY_VERSION=7.6.0
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
