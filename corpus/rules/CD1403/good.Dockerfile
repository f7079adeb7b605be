FROM alpine:3 AS build
RUN apk add --no-cache gcc musl-dev make git
FROM alpine:3
# Installed and removed in one RUN: a virtual group.
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && echo build \
 && apk del .build-deps
# The official images' apt-mark pattern.
RUN savedAptMark="$(apt-mark showmanual)" \
 && apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
 && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark \
 && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false
# Runtime libraries and packages are fine.
RUN apk add --no-cache libpq ca-certificates curl
# Removed in a later RUN.
RUN apk add --no-cache cmake
RUN apk del cmake
COPY --from=build /out/app /usr/local/bin/app
