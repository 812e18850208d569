# tasksync as a container: `docker build -t tasksync .`, then
# `docker run -p 3000:3000 --env-file .env tasksync` (see README, "Deploy with Docker").

# --- build: all dependencies, compile TypeScript to dist/ ---------------------------------------
# Node 24: the Active LTS line (Node 20 reached its end of life in April 2026)
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs its install script (prebuilt binaries come as packages)
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and the compiled app only ----------------------------------
FROM node:24-slim
# tini as PID 1: passes SIGTERM on to node (a bare node as PID 1 ignores it) and reaps zombies
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    LOG_LEVEL=info
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY app.yml ./
COPY bin ./bin
USER node
EXPOSE 3000
# no curl in slim images: node's fetch asks the app's health endpoint
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# what `npm start` runs, without npm in between: Probot's server with tasksync's logger
CMD ["node", "bin/tasksync-server.js"]
