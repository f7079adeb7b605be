FROM node:22-alpine
COPY package.json package-lock.json /app
COPY a b "c d"
COPY ["x.txt", "y.txt", "/opt/dir"]
COPY --from=build /a /b ${DEST}
