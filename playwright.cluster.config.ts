import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./e2e/env";

/**
 * The several-instances topology (compose.yaml): two app instances behind nginx, sharing
 * PostgreSQL and Redis. The spec starts and stops every process itself (e2e/cluster/cluster.ts),
 * because it kills and restarts instances. `npx tsx scripts/e2e.ts --config playwright.cluster.config.ts`.
 */
export default defineConfig({
  testDir: "e2e/cluster",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [[process.env.CI ? "line" : "list"], ["json", { outputFile: ".reports/playwright-cluster.json" }]],
  outputDir: "test-results/cluster",
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
