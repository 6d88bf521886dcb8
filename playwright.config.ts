import { resolve } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, E2E } from "./e2e/env";
import { E2E_KEY_ENV, E2E_MODELS, writeE2eProvidersFile } from "./e2e/providers";

/**
 * Browser tests against the production build, with Debian's Chromium (never a downloaded one)
 * and the local upstream as the LLM provider. scripts/e2e.ts finds the browser and starts this.
 */
const appEnv = {
  DATABASE_URL: E2E.databaseUrl,
  AUTH_SECRET: E2E.authSecret,
  // Two providers on the local upstream, one per wire format (e2e/providers.ts), each with its
  // own key variable: the switcher, the admin's providers page and both adapters are exercised.
  SPJ_PROVIDERS_FILE: resolve(writeE2eProvidersFile()),
  [E2E_KEY_ENV.openai]: E2E.upstreamKey,
  [E2E_KEY_ENV.anthropic]: E2E.upstreamKey,
  // A closed tab stops its answer this long after (a reload picks it up within it): the default.
  // A reloaded page asks for the answer once its script runs, which took 6.5 s of a 5 s grace with
  // the machine's load at 20.
  CHAT_RECONNECT_GRACE_MS: "10000",
  // A stalled request body is answered 408 after this (e2e/security-probe.spec.ts waits for it).
  HTTP_BODY_TIMEOUT_MS: "3000",
  // One process per instance: two instances already prove what crosses processes, and each
  // extra worker of scripts/server.ts would warm up every route again on a 2-core machine.
  WEB_CONCURRENCY: "1",
  // Both instances share rate-limit counters through Redis when the machine has one.
  ...(E2E.redisUrl ? { REDIS_URL: E2E.redisUrl } : {}),
};

export default defineConfig({
  testDir: "e2e",
  // The several-instances topology has its own config (playwright.cluster.config.ts).
  testIgnore: "cluster/**",
  // Each test's upstream faults and records are its own (e2e/helpers.ts newScope), and users are
  // provisioned in process (e2e/provision.ts): tests run side by side. E2E_WORKERS overrides.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS) || 2,
  // In CI one retry: at 2 workers + 2 app instances on one SQLite file, a rare lock wait past
  // Prisma's transaction timeout fails a step (seen on the reset-password form); a test that
  // passes on its retry is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  // Generous: the machine may be busy with parallel tests and other work.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [[process.env.CI ? "line" : "list"], ["json", { outputFile: ".reports/playwright.json" }]],
  outputDir: "test-results",
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: "tsx lib/local-upstream/main.ts",
      url: `${E2E.upstreamUrl}/__control/requests`,
      env: {
        LOCAL_UPSTREAM_PORT: String(E2E.upstreamPort),
        LOCAL_UPSTREAM_REQUIRE_KEY: E2E.upstreamKey,
        LOCAL_UPSTREAM_MODELS: E2E_MODELS.join(","),
        LOCAL_UPSTREAM_CHUNK_DELAY_MS: "15",
      },
      reuseExistingServer: false,
      timeout: 90_000,
    },
    {
      command: "tsx scripts/run.ts start",
      url: `${E2E.appUrl}/sign-in`,
      env: { ...appEnv, PORT: String(E2E.appPort), SKIP_BUILD: process.env.SKIP_BUILD ?? "0" },
      reuseExistingServer: false,
      timeout: 480_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    // A second instance of the same build and database (started after the first has built):
    // limits and revocations must hold across instances.
    {
      command: "tsx scripts/run.ts start",
      url: `${E2E.secondAppUrl}/sign-in`,
      env: { ...appEnv, PORT: String(E2E.secondAppPort), SKIP_BUILD: "1" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
