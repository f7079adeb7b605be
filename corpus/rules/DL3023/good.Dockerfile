FROM node:22 AS build
RUN npm ci

FROM nginx:1.27 AS web
COPY --from=build /app/dist /usr/share/nginx/html/
COPY --from=0 /app/x /x

FROM nginx:1.27
COPY --from=web /a /b
