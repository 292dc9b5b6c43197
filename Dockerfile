# syntax=docker/dockerfile:1
# The container ships the same standalone bundle CI tests: `npm run build` is `next build`
# followed by scripts/assemble-standalone.mjs, the one script both use.

FROM node:24-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so a code change does not reinstall them; patches/ is needed by the
# postinstall step (patch-package).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci
COPY . .
RUN npm run build

FROM node:24-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NEXT_TELEMETRY_DISABLED=1
# The bundle carries its own node_modules, static assets, public/ and db/migrations. It is
# owned by the unprivileged `node` user of the base image, because Next writes its cache under
# .next/; .data/ holds the embedded database when no DATABASE_URL is set (local runs only).
RUN mkdir -p .data && chown node:node /app .data
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
# Last, so a new commit only changes the final layers; shown on the admin settings page.
ARG GIT_SHA=unknown
ARG BUILD_TIME=unknown
ENV APP_GIT_SHA=$GIT_SHA \
    APP_BUILD_TIME=$BUILD_TIME
EXPOSE 3000
# No curl in the image: Node's own fetch asks the readiness endpoint (503 while the database
# is unreachable or not migrated). The ECS task definition runs the same command.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node","-e","fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node","server.js"]
