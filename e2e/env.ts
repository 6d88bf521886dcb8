/** The e2e run's fixed ports, database and secrets (a test-only install, see playwright.config.ts). */
const upstreamPort = Number(process.env.E2E_UPSTREAM_PORT ?? 4311);
const appPort = Number(process.env.E2E_APP_PORT ?? 3211);
const secondAppPort = appPort + 1;

export const E2E = {
  upstreamPort,
  appPort,
  upstreamUrl: `http://127.0.0.1:${upstreamPort}`,
  appUrl: `http://127.0.0.1:${appPort}`,
  secondAppPort,
  secondAppUrl: `http://127.0.0.1:${secondAppPort}`,
  redisUrl: process.env.TEST_REDIS_URL,
  databaseUrl: "file:./data/e2e.db",
  // Fixed here because this install lives only for the test run; the point of the key is to
  // prove it never reaches the browser.
  upstreamKey: "sk-e2e-upstream-secret-7f3a9c",
  authSecret: "e2e-only-auth-secret-not-for-production-0123456789",
};

/**
 * Flags for Debian's Chromium on a machine without a GPU or internet: without the networking
 * ones it floods the closed network (e2e tests, bench/streaming-render.ts).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
