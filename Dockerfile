# SPJ Chat, production image. Build: docker build -t spj-chat .
# Runs scripts/run.ts start: migrations, then `next start`; SIGTERM drains running answers
# (CHAT_SHUTDOWN_DEADLINE_MS) before the process exits. See compose.yaml for several instances.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
RUN npm install --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 SKIP_BUILD=1 PORT=3000
COPY --from=build /app ./
EXPOSE 3000
# The node process gets the signals directly (no shell in between); run.ts forwards them to Next.
CMD ["node", "--import", "tsx", "scripts/run.ts", "start"]
