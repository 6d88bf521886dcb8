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
import type { Page } from "@playwright/test";
import { type BuildMode, loadAverage as load, startBenchApp } from "./bench-app";

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
  const app = await startBenchApp({ name: "streaming-render", build: build as BuildMode, chunkDelayMs });
  const { upstream } = app;
  try {
    const page = await app.signedInPage();

    const results: RunResult[] = [];
    for (let i = 0; i <= runs; i++) {
      // The first run warms the server and the browser's caches up, and is not counted.
      upstream.enqueueFault({ answerTokens: i === 0 ? 500 : tokens });
      const before = upstream.requests.length;
      const result = await measure(page, `Benchmark answer ${i}: explain a long topic`);
      // The answer's request: a new chat's title call may come after it.
      const request = upstream.requests
        .slice(before)
        .reduce(
          (a, b) => ((b.chunksSent ?? 0) > (a?.chunksSent ?? 0) ? b : a),
          undefined as (typeof upstream.requests)[number] | undefined,
        );
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
    await app.close();
  }
}

await main();
process.exit(0);
