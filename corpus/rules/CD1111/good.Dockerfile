FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
COPY README.md /docs/
# docs/ is excluded, but docs/api is sent and copied with it.
COPY docs /docs/
COPY --from=deps /app/node_modules ./node_modules
COPY . .
