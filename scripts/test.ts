/**
 * `npm test`: type check, lint, unit + integration tests (SQLite, and PostgreSQL when
 * TEST_POSTGRES_URL is set), then the browser tests on the production build made meanwhile.
 * Every step runs even if an earlier one failed, and the last line sums the tests up as
 * "N passed, N failed, N skipped".
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";

const REPORTS = ".reports";
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const bin = (name: string) => `node_modules/.bin/${name}`;
const steps: { name: string; command: string; args: string[] }[] = [
  { name: "type check", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("biome"), args: ["check", "."] },
  {
    name: "unit + integration",
    command: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/vitest.json`],
  },
  { name: "e2e", command: bin("tsx"), args: ["scripts/e2e.ts"] },
];

// The production build the browser tests need runs beside the checks (the type check and most
// unit + integration tests wait on one core, or on the databases). Its output goes to a file,
// because the steps below block this process's event loop; it is printed at the e2e step.
const BUILD_LOG = `${REPORTS}/build.log`;
const build = new Promise<number>((resolve) => {
  const log = openSync(BUILD_LOG, "w");
  spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", log, log],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SPJ_BUILD_SKIP_TYPECHECK: "1" },
  }).on("exit", (code) => resolve(code ?? 1));
});

const failedSteps: string[] = [];
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  if (step.name === "e2e") {
    const built = await build;
    console.log(readFileSync(BUILD_LOG, "utf8"));
    if (built !== 0) {
      failedSteps.push("build");
      continue;
    }
  }
  const result = spawnSync(step.command, step.args, {
    stdio: "inherit",
    env: step.name === "e2e" ? { ...process.env, SKIP_BUILD: "1" } : process.env,
  });
  if (result.status !== 0) failedSteps.push(step.name);
  console.log(`◀ ${step.name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const readJson = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const vitest = readJson(`${REPORTS}/vitest.json`);
const browserRuns = ["playwright.json", "playwright-cluster.json"].map((file) => readJson(`${REPORTS}/${file}`));
const browser = (stat: "expected" | "flaky" | "unexpected" | "skipped") =>
  browserRuns.reduce((sum, run) => sum + (run?.stats?.[stat] ?? 0), 0);
const passed = (vitest?.numPassedTests ?? 0) + browser("expected") + browser("flaky");
const failed = (vitest?.numFailedTests ?? 0) + browser("unexpected");
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + browser("skipped");

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(", ")}` : "\nAll steps passed.");
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
