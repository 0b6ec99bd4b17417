# The bot as a container: built with tsc in one stage, run by plain node as a
# non-root user in a slim image with production dependencies only.
#   docker build -t qa-bot .
#   docker run --env-file .env -v "$PWD/data:/app/data" qa-bot

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    STATE_DIR=/app/state \
    PORT=8080 \
    HEALTH_PORT=8081
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The shipped article; mount a volume on /app/data to keep uploads across containers.
COPY data ./data
RUN mkdir -p /app/state && chown -R node:node /app/data /app/state
USER node
# 8080: webhook (and /healthz in webhook mode); 8081: /healthz in polling mode.
EXPOSE 8080 8081
# /healthz is on PORT with WEBHOOK_URL set, else on HEALTH_PORT (200 = articles loaded and serving).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p=process.env.WEBHOOK_URL?(process.env.PORT||8080):process.env.HEALTH_PORT;fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1's only job: SIGTERM from `docker stop` reaches the bot, which
# finishes the updates in flight (at most 10 s) and exits.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
