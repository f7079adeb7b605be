FROM node:22 AS build
RUN npm ci
COPY --from=build /app/dist /srv/

FROM nginx:1.27 AS Web
COPY --from=web /a /b
