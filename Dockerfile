# The centre as a container image: Next.js + socket.io in one Node process.
# Build: docker build -t outpost .   (not exercised in CI: the build machines have no Docker engine)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm install --no-audit --no-fund && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build /app /app
EXPOSE 3000
VOLUME /app/data
CMD ["node", "--import", "tsx", "apps/web/server.ts"]
