FROM nginx:1.27 AS web
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

FROM web
HEALTHCHECK NONE
ONBUILD HEALTHCHECK CMD true
