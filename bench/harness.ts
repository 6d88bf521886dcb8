/**
 * What the API benchmarks share (bench/ttfb.ts, bench/gateways.ts): child processes and their CPU
 * and memory, the machine's load, the production build, the local upstream, a fresh database
 * with provisioned keys, the app under test, and an HTTP client that times the first answer text.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const MODEL = "llama-3.3-70b-versatile";
export const QUESTION = "How long does the first token take to arrive through the SPJ Chat API?";

// ───────────────────────────── small helpers ─────────────────────────────

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const log = (line = "") => process.stderr.write(`${line}\n`);
export const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(2) : "-");

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const found = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(found));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}

// ───────────────────────────── processes ─────────────────────────────

export interface Child {
  name: string;
  proc: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

const children: Child[] = [];

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, verbose: boolean, cwd = ROOT): Child {
  const proc = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      if (verbose) log(`[${name}] ${line}`);
    }
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const child = { name, proc, output, exited };
  children.push(child);
  return child;
}

export async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill("SIGTERM");
  const exited = await Promise.race([child.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!exited) {
    child.proc.kill("SIGKILL");
    await child.exited;
  }
}

/** Runs a node script to completion; resolves with its stdout, throws with its stderr. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, inherit = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ["ignore", inherit ? "inherit" : "pipe", inherit ? "inherit" : "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    proc.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    proc.on("exit", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${args.join(" ")} exited ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`)),
    );
  });
}

/** The pids of `root` and all its descendants. */
export function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended meanwhile.
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === found[i]) found.push(pid);
  }
  return found;
}

/** The pid (among `root` and its descendants) that listens on `port`. */
export function listeningPid(root: number, port: number): number | null {
  const inodes = new Set<string>();
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A" && cols[9]) inodes.add(`socket:[${cols[9]}]`);
    }
  }
  for (const pid of descendants(root)) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          if (inodes.has(readlinkSafe(`/proc/${pid}/fd/${fd}`))) return pid;
        } catch {
          // fd closed meanwhile
        }
      }
    } catch {
      // process gone
    }
  }
  return null;
}

function readlinkSafe(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return "";
  }
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU time (user + system) the process has used, ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

export interface MemorySnapshot {
  /** VmRSS from /proc, median of samples after the collection. */
  rssKiB: number;
  /** From the process itself (bench/gc-hook.mjs), after the collection. */
  heapUsedKiB: number;
  externalKiB: number;
}

/**
 * Asks the server for a full GC (SIGUSR2 → bench/gc-hook.mjs), lets it settle, then samples RSS.
 * Without the hook (the signal's file never appears) it falls back to a plain settling pause.
 */
export async function memorySnapshot(pid: number, gcFile: string): Promise<MemorySnapshot> {
  const asked = Date.now();
  let usage: { at: number; heapUsed: number; external: number } | null = null;
  try {
    process.kill(pid, "SIGUSR2");
    usage = await waitFor(
      async () => {
        const u = JSON.parse(readFileSync(gcFile, "utf8")) as { at: number; heapUsed: number; external: number };
        return u.at >= asked ? u : null;
      },
      60_000,
      "no answer from bench/gc-hook.mjs",
    );
  } catch {
    usage = null;
  }
  await sleep(1000);
  const values: number[] = [];
  for (let i = 0; i < 5; i++) {
    values.push(rssKiB(pid));
    await sleep(200);
  }
  return {
    rssKiB: median(values),
    heapUsedKiB: usage ? Math.round(usage.heapUsed / 1024) : Number.NaN,
    externalKiB: usage ? Math.round(usage.external / 1024) : Number.NaN,
  };
}

/** The commit and the number of files changed in the working tree (the build is of the tree). */
export function gitState(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter(Boolean).length;
    return dirty ? `${head} + ${dirty} changed files` : head;
  } catch {
    return "unknown";
  }
}

/**
 * Watches the machine while the benchmark runs: the 1-minute load average, and other people's
 * heavy processes (builds, test runners, browsers) — anything that makes the figures noisy.
 */
const BUSY = /playwright|next build|next-build|vitest|npm |chromium/;

export class MachineWatch {
  maxLoad = 0;
  readonly seen = new Set<string>();
  private timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 5000);
    this.timer.unref();
    this.sample();
  }
  private sample(): void {
    this.maxLoad = Math.max(this.maxLoad, os.loadavg()[0] ?? 0);
    const ours = new Set(descendants(process.pid));
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry) || ours.has(Number(entry))) continue;
      try {
        const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
        const match = BUSY.exec(cmd);
        if (match) this.seen.add(match[0].trim());
      } catch {
        // gone
      }
    }
  }
  stop(): { maxLoad1: number; otherProcesses: string[] } {
    clearInterval(this.timer);
    this.sample();
    return { maxLoad1: Number(this.maxLoad.toFixed(2)), otherProcesses: [...this.seen].sort() };
  }
}

// ───────────────────────────── build ─────────────────────────────

const SOURCES = [
  "app",
  "components",
  "lib",
  "next.config.mjs",
  "package.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "tailwind.config.ts",
];

function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const visit = (rel: string) => {
    const abs = path.join(ROOT, rel);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(abs)) visit(path.join(rel, entry));
    } else if (!/\.test\.tsx?$/.test(rel) && !rel.startsWith(`lib${path.sep}testing`) && st.mtimeMs > newest.mtimeMs) {
      newest = { file: rel, mtimeMs: st.mtimeMs };
    }
  };
  for (const s of SOURCES) visit(s);
  return newest;
}

function routeBuilt(): boolean {
  try {
    return readFileSync(path.join(ROOT, ".next/app-path-routes-manifest.json"), "utf8").includes('"/api/v1/chat"');
  } catch {
    return false;
  }
}

export async function ensureBuild(mode: "auto" | "always" | "never"): Promise<string> {
  let reason: string | null = mode === "always" ? "--build always" : null;
  if (mode === "auto") {
    let built = 0;
    try {
      built = statSync(path.join(ROOT, ".next/BUILD_ID")).mtimeMs;
    } catch {
      reason = ".next/BUILD_ID is missing";
    }
    const newest = newestSource();
    if (!reason && newest.mtimeMs > built) reason = `${newest.file} is newer than .next/BUILD_ID`;
    if (!reason && !routeBuilt()) reason = "the build has no /api/v1/chat route";
  }
  if (!reason) return "reused the existing build";
  log(`building (${reason}) …`);
  const started = performance.now();
  const buildEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  const next = "node_modules/next/dist/bin/next";
  const nextBuild = async (...args: string[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runNode([next, "build", ...args], buildEnv);
      } catch (error) {
        // Someone else's build (an e2e run, say) holds .next: wait for it, then build on top.
        if (!String(error).includes("Another next build process") || attempt >= 40) throw error;
        log("another next build is running; waiting 15 s …");
        await sleep(15_000);
      }
    }
  };
  let how = "";
  try {
    await nextBuild();
  } catch (error) {
    // Someone's work in progress elsewhere in the tree (a test file, say) can fail the type check
    // without changing what runs. Then build without it: compile, then generate.
    if (!String(error).includes("Failed to type check")) throw error;
    log("the type check failed (see `npm run typecheck`); building without it …");
    await nextBuild("--experimental-build-mode", "compile");
    await nextBuild("--experimental-build-mode", "generate");
    how = " without the type check, which failed";
  }
  return `built (${reason})${how} in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

/**
 * Copies the build output (without caches) into a private project directory, so that a rebuild
 * of the shared .next by someone else during the run cannot change or break the server under
 * test. node_modules is linked, not copied. Returns the directory for `next start <dir>`.
 */
export async function snapshotBuild(): Promise<{ dir: string; buildId: string }> {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8").trim();
    } catch {
      return null;
    }
  };
  for (let attempt = 1; ; attempt++) {
    const buildId = read(path.join(ROOT, ".next/BUILD_ID"));
    const dir = mkdtempSync(path.join(os.tmpdir(), "spj-bench-app-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, ".next"));
    execFileSync(
      "sh",
      [
        "-c",
        'cd "$1/.next" && tar cf - --exclude=./cache --exclude=./dev --exclude=./trace --exclude=./trace-build --exclude=./types --exclude=./diagnostics . | (cd "$2/.next" && tar xf -)',
        "sh",
        ROOT,
        dir,
      ],
      { stdio: "ignore" },
    );
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    // next.config.mjs with the module it imports (the headers it shares with the lean API door).
    for (const file of ["next.config.mjs", "lib/http/static-headers.mjs", "package.json"]) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    }
    const copied = read(path.join(dir, ".next/BUILD_ID"));
    const manifest = read(path.join(dir, ".next/app-path-routes-manifest.json")) ?? "";
    if (
      buildId &&
      copied === buildId &&
      read(path.join(ROOT, ".next/BUILD_ID")) === buildId &&
      manifest.includes('"/api/v1/chat"')
    ) {
      return { dir, buildId };
    }
    // Someone rebuilt .next while it was copied: wait for their build, then copy again.
    if (attempt >= 20) throw new Error("could not copy a complete build of .next (it keeps changing)");
    log("the build changed while it was copied (someone else is building?); retrying in 15 s …");
    await sleep(15_000);
  }
}

// ───────────────────────────── HTTP client ─────────────────────────────

export interface Target {
  port: number;
  path: string;
  body: string;
  headers: Record<string, string | number>;
  /** An SSE body: the first text is the first `"content":"…"` delta, the end is `[DONE]`. */
  sse: boolean;
}

export interface Sample {
  ok: boolean;
  status: number;
  error: string | null;
  /** From just before the request was written to: the response head, the first body byte, the first answer text, the end. */
  headersMs: number;
  firstByteMs: number;
  firstTextMs: number;
  totalMs: number;
  bytes: number;
}

// A content delta with at least one character (the opening role delta has `"content":""`).
const CONTENT = /"content":"[^"]/;

export function send(
  target: Target,
  agent: http.Agent,
  options: { timeoutMs?: number; signal?: AbortSignal; onFirstText?: () => void } = {},
): Promise<Sample> {
  return new Promise((resolve) => {
    let headersAt = Number.NaN;
    let firstByteAt = Number.NaN;
    let firstTextAt = Number.NaN;
    let bytes = 0;
    let status = 0;
    let head = "";
    let tail = "";
    let settled = false;
    const started = performance.now();
    const finish = (ok: boolean, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        ok,
        status,
        error,
        headersMs: headersAt - started,
        firstByteMs: firstByteAt - started,
        firstTextMs: firstTextAt - started,
        totalMs: performance.now() - started,
        bytes,
      });
    };
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port: target.port,
        path: target.path,
        method: "POST",
        headers: target.headers,
        signal: options.signal,
      },
      (res) => {
        headersAt = performance.now();
        status = res.statusCode ?? 0;
        res.on("data", (chunk: Buffer) => {
          const now = performance.now();
          if (bytes === 0) firstByteAt = now;
          bytes += chunk.length;
          if (Number.isNaN(firstTextAt)) {
            if (!target.sse) firstTextAt = now;
            else {
              head += chunk.toString("latin1");
              if (CONTENT.test(head)) firstTextAt = now;
            }
            if (!Number.isNaN(firstTextAt)) options.onFirstText?.();
          }
          if (target.sse) tail = (tail + chunk.toString("latin1")).slice(-32);
        });
        res.on("end", () => {
          if (status !== 200) return finish(false, `HTTP ${status}`);
          if (Number.isNaN(firstTextAt)) return finish(false, "no answer text");
          if (target.sse && !tail.includes("[DONE]")) return finish(false, "stream ended without [DONE]");
          finish(true, null);
        });
        res.on("error", (e) => finish(false, e.message));
        res.on("aborted", () => finish(false, "response aborted"));
      },
    );
    req.on("error", (e) => finish(false, e.message));
    const timer = setTimeout(() => req.destroy(new Error("timeout")), options.timeoutMs ?? 60_000);
    req.end(target.body);
  });
}

export function agentFor(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, keepAliveMsecs: 10_000 });
}

export interface Summary {
  n: number;
  failed: number;
  errors: Record<string, number>;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Direct path only: the raw first body byte (keep-alive comment / role delta). */
  rawFirstByteP50: number;
  headersP50: number;
  totalP50: number;
}

export function summarize(samples: Sample[]): Summary {
  const ok = samples.filter((s) => s.ok);
  const sorted = (pick: (s: Sample) => number) => ok.map(pick).sort((a, b) => a - b);
  const text = sorted((s) => s.firstTextMs);
  const errors: Record<string, number> = {};
  for (const s of samples) if (!s.ok) errors[s.error ?? "?"] = (errors[s.error ?? "?"] ?? 0) + 1;
  return {
    n: ok.length,
    failed: samples.length - ok.length,
    errors,
    p50: percentile(text, 50),
    p90: percentile(text, 90),
    p99: percentile(text, 99),
    max: text.at(-1) ?? Number.NaN,
    rawFirstByteP50: percentile(
      sorted((s) => s.firstByteMs),
      50,
    ),
    headersP50: percentile(
      sorted((s) => s.headersMs),
      50,
    ),
    totalP50: percentile(
      sorted((s) => s.totalMs),
      50,
    ),
  };
}

/** Ends a waitFor at once instead of being retried. */
export class Fatal extends Error {}

export async function waitFor<T>(
  check: () => Promise<T | null>,
  timeoutMs: number,
  message: string,
  child?: Child,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child && child.proc.exitCode !== null) {
      throw new Error(`${message}: ${child.name} exited ${child.proc.exitCode}\n${child.output.slice(-30).join("\n")}`);
    }
    const value = await check().catch((error: unknown) => {
      if (error instanceof Fatal) throw error;
      return null;
    });
    if (value !== null) return value;
    if (performance.now() > deadline) {
      throw new Error(`${message}${child ? `\n${child.output.slice(-30).join("\n")}` : ""}`);
    }
    await sleep(100);
  }
}

// ───────────────────────────── cleanup ─────────────────────────────

export const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    // The app first (it holds the database), then the upstream, then the database.
    for (const child of [...children].reverse()) await stopChild(child).catch(() => {});
    for (const step of cleanups.reverse()) await step().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  })();
  return cleaning;
}

/** Runs a benchmark's main, then stops everything it started (on Ctrl-C too) and exits. */
export async function runBench(name: string, main: () => Promise<void>, afterSuccess?: () => void): Promise<never> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping everything …`);
      void cleanup().then(() => process.exit(130));
    });
  }
  let code = 0;
  try {
    await main();
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    code = 1;
  }
  await cleanup();
  if (code === 0) afterSuccess?.();
  process.exit(code);
}

// ───────────────────────────── the stack under test ─────────────────────────────

export interface Upstream {
  url: string;
  port: number;
  key: string;
  pid: number;
}

/** The local upstream as its own process (fixed pace, a key required), so its event loop is not the client's. */
export async function startUpstream(chunkDelayMs: number, verbose: boolean): Promise<Upstream> {
  const key = `sk-bench-${randomBytes(12).toString("hex")}`;
  const upstream = startChild(
    "upstream",
    ["--import", "tsx", "lib/local-upstream/main.ts"],
    {
      ...process.env,
      NODE_ENV: "production",
      LOCAL_UPSTREAM_PORT: "0",
      LOCAL_UPSTREAM_HOST: "127.0.0.1",
      LOCAL_UPSTREAM_CHUNK_DELAY_MS: String(chunkDelayMs),
      LOCAL_UPSTREAM_REQUIRE_KEY: key,
    },
    verbose,
  );
  const url = await waitFor(
    async () => {
      const line = upstream.output.find((l) => l.includes("listening on"));
      return line ? (/(http:\/\/\S+)/.exec(line)?.[1] ?? null) : null;
    },
    20_000,
    "the local upstream did not start",
    upstream,
  );
  return { url, port: Number(new URL(url).port), key, pid: upstream.proc.pid as number };
}

/** A fresh database: a temporary SQLite file, or a database created on `pgUrl` (dropped at cleanup). */
export async function freshDatabase(db: "sqlite" | "postgresql", pgUrl: string): Promise<string> {
  if (db === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spj-bench-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return `file:${path.join(dir, "bench.db")}`;
  }
  const name = `spj_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Migrates and provisions `users` Enterprise users with one API key each (bench/provision.ts). */
export async function provisionKeys(databaseUrl: string, users: number): Promise<string[]> {
  const out = await runNode(["--import", "tsx", "bench/provision.ts"], {
    ...process.env,
    DATABASE_URL: databaseUrl,
    BENCH_USERS: String(users),
  });
  return (JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { keys: string[] }).keys;
}

export interface AppUnderTest {
  port: number;
  /** The process started; with workers, their primary. */
  pid: number;
  /** The process that accepts connections (next start's server; the primary with workers). */
  serverPid: number;
}

/**
 * The app, production mode, on a fresh port: `next start` (next), or `npm start`'s server with
 * `workers` workers (cluster), which serves the API on its lean door.
 */
export async function startApp(input: {
  server: "next" | "cluster";
  appDir: string;
  port: number;
  databaseUrl: string;
  upstream: Upstream;
  nodeArgs?: string[];
  env?: Record<string, string>;
  workers?: number;
  verbose: boolean;
  name?: string;
}): Promise<AppUnderTest> {
  const port = await freePort(input.port);
  const nodeArgs = input.nodeArgs ?? [];
  const args =
    input.server === "next"
      ? [...nodeArgs, "node_modules/next/dist/bin/next", "start", input.appDir, "-p", String(port), "-H", "127.0.0.1"]
      : [...nodeArgs, "--import", "tsx", path.join(ROOT, "scripts/server.ts")];
  const app = startChild(
    input.name ?? "app",
    args,
    {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: input.databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      CHAT_API_BASE_URL: input.upstream.url,
      CHAT_API_KEY: input.upstream.key,
      // Set empty (not unset) so that a REDIS_URL in .env files does not apply: in-process limiters.
      REDIS_URL: "",
      WEB_CONCURRENCY: String(input.workers ?? 1),
      // The server runs in the build's copy; its sources' "@/…" imports resolve from the repository.
      TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
      ...input.env,
    },
    input.verbose,
    input.server === "cluster" ? input.appDir : ROOT,
  );
  await waitFor(
    async () => {
      const probe = await send(
        { port, path: "/api/v1/chat", body: "{}", headers: { "content-type": "application/json" }, sse: false },
        new http.Agent(),
        { timeoutMs: 2000 },
      );
      if (probe.status === 404) throw new Fatal("the build has no /api/v1/chat (run with --build always)");
      return probe.status === 401 ? true : null;
    },
    90_000,
    "the app did not start",
    app,
  );
  const serverPid = listeningPid(app.proc.pid as number, port) ?? (app.proc.pid as number);
  return { port, pid: app.proc.pid as number, serverPid };
}

/** A figure summed over a process and all its descendants (an app's workers). */
function treeSum(root: number, figure: (pid: number) => number): number {
  let total = 0;
  for (const pid of descendants(root)) {
    try {
      total += figure(pid);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** CPU time of a process tree, ms. */
export const treeCpuMs = (root: number): number => treeSum(root, cpuMs);

/** RSS of a process tree, KiB. */
export const treeRssKiB = (root: number): number => treeSum(root, rssKiB);
