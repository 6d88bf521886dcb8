/**
 * `npm run test:e2e`: Playwright against the production build, in the machine's Chromium.
 * Playwright's own browser download is not used (it cannot work offline); without a Chromium
 * the suite is skipped with a notice, except in CI, where that is a failure.
 */
import { spawn, spawnSync } from "node:child_process";
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
const env = (extra: Record<string, string> = {}) => ({ ...process.env, CHROMIUM_PATH: chromium, ...extra });
const cli = (args: string[]) => [process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...args]] as const;

const args = process.argv.slice(2);
if (args.length > 0) {
  const [command, commandArgs] = cli(args);
  process.exit(spawnSync(command, commandArgs, { stdio: "inherit", env: env() }).status ?? 1);
}

// The whole suite: one build, then the two-instance install and the several-instances topology
// (nginx, PostgreSQL, Redis: e2e/cluster) side by side. They share no port or database, and the
// cluster's tests mostly wait (for a reaper, a drain), so together they take the longer one's time.
if (process.env.SKIP_BUILD !== "1") {
  const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Runs one suite; the cluster's output is held back and printed after the main suite's. */
function suite(args: string[], output: "inherit" | "held"): Promise<{ code: number; held: string }> {
  const [command, commandArgs] = cli(args);
  const child = spawn(command, commandArgs, {
    stdio: output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    env: env({ SKIP_BUILD: "1" }),
  });
  let held = "";
  child.stdout?.on("data", (chunk) => {
    held += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    held += chunk;
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code: code ?? 1, held })));
}

const [main, cluster] = await Promise.all([
  suite([], "inherit"),
  suite(["--config", "playwright.cluster.config.ts"], "held"),
]);
console.log("\n── several instances (e2e/cluster) ──\n");
process.stdout.write(cluster.held);
process.exit(main.code || cluster.code);
