FROM node:22-alpine
WORKDIR /app
COPY package.json ./
COPY README.md /docs/
COPY node_modules/left-pad ./node_modules/left-pad
ADD ["secrets/api.key", "/run/"]
COPY --chown=node:node ./docs/img/logo.png /static/
COPY CHANGELOG.md /docs/
COPY --from=build /app/node_modules ./node_modules
COPY <<EOF /etc/motd
hello
EOF
