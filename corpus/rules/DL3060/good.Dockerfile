FROM node:20-slim
RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn install --production; yarn cache clean --all
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN yarn build
RUN yarn
RUN echo yarn install
