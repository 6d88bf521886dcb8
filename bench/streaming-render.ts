/**
 * The browser's main thread while a long answer streams in: the longest task Chromium runs (and
 * how many pass 50 ms, the "long task" line) while a ~10,000-token Markdown answer arrives.
 * `npx tsx bench/streaming-render.ts [--tokens 10000] [--chunk-delay-ms 3] [--runs 3] [--build auto|always|never]`
 *
 * One run: the local upstream in this process (answers of `--tokens` tokens: prose, lists,
 * tables, code; one piece every `--chunk-delay-ms`) → the production app (`next start`, built
 * into .next-bench, its own SQLite file) → Chromium (Debian's, headless) signed up as a new
 * user → per run, a new chat whose answer is timed from Send to the end of the stream.
 *
 * What is measured, on the page's renderer main thread: every task, from a Chromium trace
 * (`devtools.timeline` RunTask events: script, style, layout and paint together), plus the
 * page's own PerformanceObserver('longtask') as a cross-check. The target is a longest task
 * under 50 ms. Run it on a quiet machine: it prints the load average before and after.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../e2e/env";
import { migrateDatabase } from "../lib/db/migrate";
import { startLocalUpstream } from "../lib/local-upstream/server";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = ".next-bench";
const PORT = Number(process.env.BENCH_PORT ?? 3931);

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}
const tokens = Number(option("tokens", "10000"));
const chunkDelayMs = Number(option("chunk-delay-ms", "3"));
const runs = Number(option("runs", "3"));
const build = option("build", "auto");
if (![tokens, chunkDelayMs, runs].every(Number.isFinite) || !["auto", "always", "never"].includes(build)) {
  throw new Error("usage: --tokens N --chunk-delay-ms N --runs N --build auto|always|never");
}

const log = (message: string) => console.log(`[streaming-render] ${message}`);
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}

/** Builds when asked, or when a source file is newer than the last build. */
async function ensureBuild(env: NodeJS.ProcessEnv): Promise<void> {
  const id = path.join(ROOT, DIST, "BUILD_ID");
  const stale = !existsSync(id) || newestSourceMs() > statSync(id).mtimeMs;
  if (build === "never" || (build === "auto" && !stale)) return log(`reusing ${DIST}`);
  log(`building into ${DIST} …`);
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  await run(["node_modules/next/dist/bin/next", "build"], env);
  // Next adds this build folder's types to tsconfig.json: take that back (and nothing else).
  const after = JSON.parse(readFileSync(tsconfig, "utf8")) as { include?: string[] };
  after.include = after.include?.filter((entry) => !entry.startsWith(`${DIST}/`));
  if (JSON.stringify(after) === JSON.stringify(JSON.parse(before))) writeFileSync(tsconfig, before);
}

function newestSourceMs(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(ROOT, dir));
  return newest;
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("next start exited");
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  /** Wall time and thread (CPU) time, in microseconds. */
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * The main-thread tasks of the page's renderer in a Chromium trace, wall and CPU ms, from the
 * page's performance mark "bench:start" (the Send) on.
 */
function mainThreadTasks(trace: { traceEvents: TraceEvent[] }): { wall: number; cpu: number }[] {
  const events = trace.traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  const from = events.find((e) => e.name === "bench:start")?.ts ?? 0;
  return events
    .filter((e) => e.name === "RunTask" && e.ph === "X" && e.ts >= from && mains.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

interface RunResult {
  longestTaskMs: number;
  /** The same task's CPU time: what it cost without other processes taking the core. */
  longestTaskCpuMs: number;
  /** The most CPU time any task took. */
  maxTaskCpuMs: number;
  tasksOver50: number;
  longtaskEntries: number[];
  totalBlockingMs: number;
  streamMs: number;
  chars: number;
}

async function measure(page: Page, question: string): Promise<RunResult> {
  await page.goto("/");
  await page.getByTestId("composer-input").fill(question);
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { longtasks: number[] }).longtasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: "longtask" });
  });
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"],
  });
  await page.evaluate(() => performance.mark("bench:start"));
  const started = Date.now();
  // Waiting on the response, not on the page: Playwright's own polling would run on the very
  // main thread being measured.
  const response = page.waitForResponse((r) => r.url().endsWith("/api/chat"), { timeout: 600_000 });
  await page.getByTestId("composer-input").press("Enter");
  await (await response).finished();
  const streamMs = Date.now() - started;
  const answer = page.locator('[data-testid="message"][data-role="assistant"]').last();
  await answer.and(page.locator('[data-status="COMPLETE"]')).waitFor();
  const tasks = mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()));
  const chars = (await answer.getByTestId("message-content").textContent())?.length ?? 0;
  const longest = tasks.reduce((a, b) => (b.wall > a.wall ? b : a), { wall: 0, cpu: 0 });
  return {
    longestTaskMs: longest.wall,
    longestTaskCpuMs: longest.cpu,
    maxTaskCpuMs: Math.max(0, ...tasks.map((t) => t.cpu)),
    tasksOver50: tasks.filter((t) => t.wall > 50).length,
    totalBlockingMs: tasks.reduce((sum, t) => sum + Math.max(0, t.wall - 50), 0),
    longtaskEntries: await page.evaluate(() => (window as unknown as { longtasks: number[] }).longtasks),
    streamMs,
    chars,
  };
}

async function main(): Promise<void> {
  log(`load average at start: ${load()} (2 cores; measure on a quiet machine)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "spj-render-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const upstream = await startLocalUpstream({ port: 0, chunkDelayMs });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CHAT_API_BASE_URL: upstream.baseUrl,
    CHAT_API_KEY: "sk-bench-local",
  };
  let app: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    await ensureBuild(env);
    await migrateDatabase(databaseUrl);
    const base = `http://127.0.0.1:${PORT}`;
    if (
      await fetch(base).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`port ${PORT} is taken (set BENCH_PORT)`);
    app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env,
      stdio: "ignore",
    });
    await waitForServer(`${base}/sign-in`, app);
    const page = await browser.newPage({ baseURL: base, viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(120_000);
    await page.goto("/register");
    await page.getByTestId("name").fill("Bench User");
    await page.getByTestId("email").fill(`bench-${randomBytes(4).toString("hex")}@bench.invalid`);
    await page.getByTestId("password").fill(randomBytes(12).toString("base64url"));
    await page.getByTestId("register-submit").click();
    await page.getByTestId("composer-input").waitFor();

    const results: RunResult[] = [];
    for (let i = 0; i <= runs; i++) {
      // The first run warms the server and the browser's caches up, and is not counted.
      upstream.enqueueFault({ answerTokens: i === 0 ? 500 : tokens });
      const result = await measure(page, `Benchmark answer ${i}: explain a long topic`);
      const request = upstream.requests.at(-1);
      if (i === 0) continue;
      results.push(result);
      log(
        `run ${i}: longest task ${result.longestTaskMs.toFixed(1)} ms (${result.longestTaskCpuMs.toFixed(1)} ms CPU; ` +
          `most CPU in one task ${result.maxTaskCpuMs.toFixed(1)} ms), ` +
          `${result.tasksOver50} tasks > 50 ms ` +
          `(longtask observer: ${result.longtaskEntries.length}, max ${Math.max(0, ...result.longtaskEntries).toFixed(0)} ms), ` +
          `total blocking ${result.totalBlockingMs.toFixed(0)} ms, ${result.chars} characters in ` +
          `${(result.streamMs / 1000).toFixed(1)} s (${request?.chunksSent} deltas)`,
      );
    }
    const longest = results.map((r) => r.longestTaskMs).sort((a, b) => a - b);
    const median = longest[Math.floor(longest.length / 2)] ?? 0;
    log(
      `${tokens}-token answer, ${chunkDelayMs} ms a delta, ${runs} runs: longest main-thread task ` +
        `median ${median.toFixed(1)} ms, worst ${(longest.at(-1) ?? 0).toFixed(1)} ms (target < 50 ms)`,
    );
    log(`load average at end: ${load()}`);
  } finally {
    await browser.close();
    app?.kill("SIGTERM");
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
