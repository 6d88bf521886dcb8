/**
 * `npm run test:e2e`: Playwright against the production build, in the machine's Chromium.
 * Playwright's own browser download is not used (it cannot work offline); without a Chromium
 * the suite is skipped with a notice, except in CI, where that is a failure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

const candidates = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];
const chromium = candidates.find((p): p is string => Boolean(p && existsSync(p)));
if (!chromium) {
  const message =
    "[e2e] SKIPPED: no Chromium found. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.";
  console.warn(message);
  process.exit(process.env.CI ? 1 : 0);
}

for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`data/e2e.db${suffix}`, { force: true });
const playwright = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args], {
    stdio: "inherit",
    env: { ...process.env, CHROMIUM_PATH: chromium, ...env },
  }).status ?? 1;

const args = process.argv.slice(2);
if (args.length > 0) process.exit(playwright(args));
// The whole suite: the two-instance install, then the several-instances topology (nginx,
// PostgreSQL, Redis: e2e/cluster), which reuses the build the first one made.
const main = playwright([]);
const cluster = playwright(["--config", "playwright.cluster.config.ts"], { SKIP_BUILD: "1" });
process.exit(main || cluster);
