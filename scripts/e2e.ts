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
const result = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
