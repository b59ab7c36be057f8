# The centre as a container image: Next.js + socket.io in one Node process.
#   docker build -t outpost .            (docker-compose.yml builds and runs it with PostgreSQL)
# Two stages: everything is built with the full toolchain; the image keeps only what runs —
# production dependencies, the Next.js build, the server bundle (apps/web/dist/server.mjs, plain
# node, no tsx), the generated Prisma clients, the migrations and the agent file.
# The build machines have no Docker engine: `npm test` validates docker-compose.yml, and the
# runtime stage's steps were tried by hand in an empty directory (production install, then the
# server with plain node: sign-in, pages, static assets and an agent connecting).

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm install --no-audit --no-fund && npm run build && rm -rf apps/web/.next/cache

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
# Production dependencies of the centre only, at the locked versions. The devDependencies are
# deleted from the manifests first: several (typescript, prisma, @playwright/test) are also
# optional peers of runtime packages, which --omit=dev alone would still install. No install
# scripts: the one that matters (prisma generate) ran in the build stage, copied below.
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY apps/agent/package.json apps/agent/
COPY packages/cluster-core/package.json packages/cluster-core/
RUN npm pkg delete devDependencies scripts --workspaces --include-workspace-root \
  && npm install --omit=dev --workspace @outpost/web --no-audit --no-fund --ignore-scripts \
  && npm cache clean --force
COPY --from=build /app/apps/web/dist/server.mjs apps/web/dist/
COPY --from=build /app/apps/web/.next apps/web/.next
COPY --from=build /app/apps/web/generated apps/web/generated
COPY --from=build /app/apps/web/next.config.ts apps/web/
COPY --from=build /app/prisma/sqlite-migrations prisma/sqlite-migrations
COPY --from=build /app/prisma/postgres/migrations prisma/postgres/migrations
COPY --from=build /app/apps/agent/dist/outpost-agent.mjs apps/agent/dist/
COPY --from=build /app/apps/web/src/server/provision/device-scripts apps/web/src/server/provision/device-scripts
EXPOSE 3000
VOLUME /app/data
CMD ["node", "apps/web/dist/server.mjs"]
