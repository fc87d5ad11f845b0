# Production image of the gateway. Multi-stage: dependencies and the web bundle are built in a
# full Node image; the runtime stage holds only what runs, as an unprivileged user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN if [ -f web/vite.config.ts ]; then npx vite build --config web/vite.config.ts; fi \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/var/lib/portal
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /var/lib/portal && chown node:node /var/lib/portal
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/portal.js", "serve"]
