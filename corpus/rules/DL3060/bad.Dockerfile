FROM node:20-slim
RUN yarn install --frozen-lockfile
RUN yarn cache clean && yarn install
RUN --mount=type=cache,target=/root/.npm yarn install
ONBUILD RUN yarn install --production
