/**
 * Time-to-first-byte added by `POST /api/v1/chat` over calling the upstream directly, and memory
 * per open stream. `npx tsx bench/ttfb.ts [--db sqlite|postgresql] [--requests N]`; see --help
 * and BENCHMARKS.md.
 *
 * One run: the local upstream (a child process, fixed pace, key required) → the production app
 * (`next start`, NODE_ENV=production, its own fresh database, auth + rate limits + quota +
 * persistence on) → N users on the Enterprise plan, one API key each → per concurrency level, a
 * warm-up then rounds in which c streams start together, alternating direct rounds (a) and
 * through-the-app rounds (b) as A B B A A B B A … so both see the same machine state → a memory
 * phase holding slow streams open → a report. Everything started is stopped at the end.
 *
 * What is timed: from just before the request is written to the first body byte that carries
 * answer text. Through the app that is the first body byte (the app writes text only). Directly,
 * the upstream's first bytes are an SSE keep-alive comment and an empty role delta; the app waits
 * for the first content delta before answering (so that failures before it still get a status
 * code), so the fair baseline is the first byte of the first content delta. The raw first byte
 * of the direct call is reported too.
 */
import { setMaxListeners } from "node:events";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  agentFor,
  cleanups,
  cpuMs,
  ensureBuild,
  fmt,
  freshDatabase,
  gitState,
  log,
  MachineWatch,
  type MemorySnapshot,
  MODEL,
  memorySnapshot,
  percentile,
  provisionKeys,
  QUESTION,
  runBench,
  type Sample,
  type Summary,
  send,
  sleep,
  snapshotBuild,
  startApp,
  startUpstream,
  summarize,
  type Target,
  waitFor,
} from "./harness";

// ───────────────────────────── options ─────────────────────────────

interface Options {
  db: "sqlite" | "postgresql";
  requests: number;
  minRounds: number;
  levels: number[];
  maxTokens: number;
  chunkDelayMs: number;
  hold: number;
  holdDelayMs: number;
  users: number;
  port: number;
  pgUrl: string;
  build: "auto" | "always" | "never";
  cpuProf: string | null;
  trace: string | null;
  heapDir: string | null;
  server: "next" | "cluster";
  workers: number;
  json: string | null;
  verbose: boolean;
}

const HELP = `Usage: npx tsx bench/ttfb.ts [options]

  --db sqlite|postgresql   database of the app (default sqlite; PostgreSQL: a fresh database
                           created on --pg-url and dropped afterwards)
  --requests N             samples per path per concurrency level (default 400)
  --min-rounds N           at least this many rounds per level and path (default 5)
  --levels 1,50,200        concurrency levels (default 1,50,200; "none": memory phase only)
  --max-tokens N           answer length in chunks, same for both paths (default 32)
  --chunk-delay MS         the upstream's pace between chunks (default 5)
  --hold K                 streams held open per step of the memory phase (default 200; 0 skips)
  --users N                users (workspaces), one API key each, requests spread over them so the
                           per-key/per-workspace rate limits never trigger (default 64)
  --port P                 the app's port (default 3600, or a free one if taken)
  --pg-url URL             PostgreSQL server to create the database on
                           (default postgresql://postgres@127.0.0.1:5432/postgres)
  --build auto|always|never  next build when .next/BUILD_ID is missing or older than the
                           sources (auto, default), always, or never
  --cpu-prof DIR           run next start with --cpu-prof, profile written to DIR on exit
  --trace FILE             time each request inside the app (bench/trace-hooks.mjs, loaded with
                           NODE_OPTIONS=--import) and print where the added time goes; adds a
                           few µs per request, so not for the reported figures
  --heap-snapshots DIR     write a heap snapshot of the app at each memory measurement
  --server next|cluster    next: \`next start\` (default), the API through Next.js. cluster: npm
                           start's server (scripts/server.ts) with --workers N workers, the API
                           on its lean door (SPJ_LEAN_API=0: through Next.js there too)
  --workers N              workers of --server cluster (default 1)
  --json FILE              also write the results (with the environment) as JSON
  --verbose                show the app's and the upstream's output
`;

function parseOptions(argv: string[]): Options {
  const o: Options = {
    db: "sqlite",
    requests: 400,
    minRounds: 5,
    levels: [1, 50, 200],
    maxTokens: 32,
    chunkDelayMs: 5,
    hold: 200,
    holdDelayMs: 2000,
    users: 64,
    port: 3600,
    pgUrl: "postgresql://postgres@127.0.0.1:5432/postgres",
    build: "auto",
    cpuProf: null,
    trace: null,
    heapDir: null,
    server: "next",
    workers: 1,
    json: null,
    verbose: false,
  };
  const int = (name: string, value: string | undefined, min = 0): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? (arg.split(/=(.*)/s) as [string, string]) : [arg];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--db": {
        const v = value();
        if (v !== "sqlite" && v !== "postgresql") throw new Error("--db must be sqlite or postgresql");
        o.db = v;
        break;
      }
      case "--requests":
        o.requests = int(flag, value(), 1);
        break;
      case "--min-rounds":
        o.minRounds = int(flag, value(), 1);
        break;
      case "--levels":
        {
          const v = value() ?? "";
          o.levels = v === "none" ? [] : v.split(",").map((s) => int("--levels", s.trim(), 1));
        }
        break;
      case "--max-tokens":
        o.maxTokens = int(flag, value(), 2);
        break;
      case "--chunk-delay":
        o.chunkDelayMs = int(flag, value(), 0);
        break;
      case "--hold":
        o.hold = int(flag, value(), 0);
        break;
      case "--users":
        o.users = int(flag, value(), 1);
        break;
      case "--port":
        o.port = int(flag, value(), 1);
        break;
      case "--pg-url":
        o.pgUrl = value() ?? o.pgUrl;
        break;
      case "--build": {
        const v = value();
        if (v !== "auto" && v !== "always" && v !== "never") throw new Error("--build must be auto, always or never");
        o.build = v;
        break;
      }
      case "--cpu-prof":
        o.cpuProf = path.resolve(value() ?? "bench/.prof");
        break;
      case "--trace":
        o.trace = path.resolve(value() ?? "bench/trace.json");
        break;
      case "--heap-snapshots":
        o.heapDir = path.resolve(value() ?? "bench/.heap");
        break;
      case "--server": {
        const v = value();
        if (v !== "next" && v !== "cluster") throw new Error("--server must be next or cluster");
        o.server = v;
        break;
      }
      case "--workers":
        o.workers = int(flag, value(), 1);
        break;
      case "--json":
        o.json = path.resolve(value() ?? "bench/results.json");
        break;
      case "--verbose":
        o.verbose = true;
        break;
      case "--help":
      case "-h":
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument ${arg} (see --help)`);
    }
  }
  return o;
}

// ───────────────────────────── the run ─────────────────────────────

type Path = "direct" | "app";

interface LevelResult {
  concurrency: number;
  rounds: number;
  direct: Summary;
  app: Summary;
  addedP50: number;
  addedP99: number;
  /** CPU time (user + system, /proc/<pid>/stat) per request, ms, over the measured rounds. */
  cpu: { appPerRequest: number; upstreamPerDirect: number; upstreamPerApp: number };
}

interface Memory {
  pid: number;
  hold: number;
  upstreamDelayMs: number;
  idle: MemorySnapshot;
  held1: MemorySnapshot;
  held2: MemorySnapshot;
  after: MemorySnapshot;
  /** RSS growth per open stream for the first K streams and for the next K. */
  perStreamFirstKiB: number;
  perStreamSecondKiB: number;
  /** The same from the JS heap + external memory (what the streams' objects and buffers hold). */
  heapPerStreamFirstKiB: number;
  heapPerStreamSecondKiB: number;
  failedToOpen: number;
}

const TARGETS = {
  sqlite: { p50: 1, p99: 5 },
  postgresql: { p50: 3, p99: 10 },
  memoryKiB: 64,
} as const;

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const env = {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "?",
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kernel: os.release(),
    loadavgAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    startedAt: new Date().toISOString(),
    git: gitState(),
  };
  const watch = new MachineWatch();
  log(
    `ttfb bench: db=${o.db} levels=${o.levels.join(",")} requests=${o.requests} max_tokens=${o.maxTokens} pace=${o.chunkDelayMs}ms`,
  );
  log(
    `machine: ${env.nproc} cores (${env.cpu}), ${env.memGiB} GiB, node ${env.node}, load ${env.loadavgAtStart.join(" ")}`,
  );
  log(`tree: ${env.git}`);

  const built = await ensureBuild(o.build);
  const snapshot = await snapshotBuild();
  const appDir = snapshot.dir;
  const build = `${built}; build ${snapshot.buildId} copied to ${snapshot.dir}`;
  log(build);
  // 1. The upstream, as its own process so that its event loop is not the client's.
  const upstream = await startUpstream(o.chunkDelayMs, o.verbose);
  const upstreamUrl = upstream.url;
  const upstreamKey = upstream.key;
  const upstreamPort = upstream.port;
  const upstreamPid = upstream.pid;
  log(`upstream: ${upstreamUrl} (pace ${o.chunkDelayMs} ms, key required)`);

  // 2. A fresh database.
  const databaseUrl = await freshDatabase(o.db, o.pgUrl);
  log(`database: ${databaseUrl}`);

  // 3. Users, plans, quotas, keys.
  const keys = await provisionKeys(databaseUrl, o.users);
  log(`provisioned ${keys.length} users on the Enterprise plan, one API key each`);

  // 4. The app, production build.
  const nodeArgs = o.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProf}`] : [];
  // bench/gc-hook.mjs: a full GC on SIGUSR2 for the memory phase (nothing on the request path);
  // bench/trace-hooks.mjs only with --trace.
  const gcFile = path.join(os.tmpdir(), `spj-bench-gc-${process.pid}.json`);
  cleanups.push(async () => rmSync(gcFile, { force: true }));
  const hook = (file: string) => `--import ${new URL(file, import.meta.url).href}`;
  const hooks = ["--expose-gc", hook("./gc-hook.mjs"), ...(o.trace ? [hook("./trace-hooks.mjs")] : [])];
  const hookEnv = {
    NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", ...hooks].join(" ").trim(),
    BENCH_GC_OUT: gcFile,
    ...(o.trace ? { BENCH_TRACE_OUT: o.trace } : {}),
    ...(o.heapDir ? { BENCH_HEAP_DIR: o.heapDir } : {}),
  };
  if (o.heapDir) mkdirSync(o.heapDir, { recursive: true });
  const app = await startApp({
    server: o.server,
    appDir,
    port: o.port,
    databaseUrl,
    upstream,
    nodeArgs,
    env: hookEnv,
    workers: o.workers,
    verbose: o.verbose,
  });
  const appPort = app.port;
  const serverPid = app.serverPid;
  log(`app (${o.server}): http://127.0.0.1:${appPort} (started pid ${app.pid}, server pid ${serverPid})`);

  // 5. Requests.
  let keyIndex = 0;
  let tag = "warm-up";
  const appTarget = (): Target => {
    const body = JSON.stringify({
      model: MODEL,
      messages: [{ role: "user", content: QUESTION }],
      max_tokens: o.maxTokens,
    });
    return {
      port: appPort,
      path: "/api/v1/chat",
      body,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: `Bearer ${keys[keyIndex++ % keys.length]}`,
        ...(o.trace ? { "x-bench-tag": tag } : {}),
      },
      sse: false,
    };
  };
  const directBody = JSON.stringify({
    model: MODEL,
    messages: [{ role: "user", content: QUESTION }],
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: o.maxTokens,
  });
  const directTarget: Target = {
    port: upstreamPort,
    path: "/v1/chat/completions",
    body: directBody,
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      "content-length": Buffer.byteLength(directBody),
      authorization: `Bearer ${upstreamKey}`,
    },
    sse: true,
  };

  const round = (which: Path, c: number, agent: http.Agent): Promise<Sample[]> => {
    const all: Promise<Sample>[] = [];
    for (let i = 0; i < c; i++) all.push(send(which === "direct" ? directTarget : appTarget(), agent));
    return Promise.all(all);
  };

  // A short global warm-up: JIT, connection pools, Next's route module.
  {
    const agents = { direct: agentFor(10), app: agentFor(10) };
    for (let r = 0; r < 10; r++) {
      await round("direct", 10, agents.direct);
      await round("app", 10, agents.app);
    }
    agents.direct.destroy();
    agents.app.destroy();
  }

  // 6. Memory per open stream, measured before the big levels so that the baseline is not a heap
  // already grown by them (that would hide the growth).
  let memory: Memory | null = null;
  tag = "memory";
  if (o.hold > 0) memory = await measureMemory(o, serverPid, gcFile, upstreamPort, appTarget);

  // 7. Latency, level by level.
  const levels: LevelResult[] = [];
  for (const c of o.levels) {
    const agents = { direct: agentFor(c), app: agentFor(c) };
    const rounds = Math.max(o.minRounds, Math.ceil(o.requests / c));
    const warmup = Math.max(2, Math.ceil(20 / c));
    log(`c=${c}: ${warmup} warm-up + ${rounds} measured rounds per path`);
    tag = `warm-up c=${c}`;
    for (let r = 0; r < warmup; r++) {
      await round("direct", c, agents.direct);
      await round("app", c, agents.app);
    }
    tag = `c=${c}`;
    const samples: Record<Path, Sample[]> = { direct: [], app: [] };
    const cpu = { direct: { app: 0, upstream: 0 }, app: { app: 0, upstream: 0 } };
    for (let r = 0; r < rounds; r++) {
      // A B B A A B B A …: a slow drift weighs on both paths alike.
      const order: Path[] = r % 2 === 0 ? ["direct", "app"] : ["app", "direct"];
      for (const which of order) {
        const before = { app: cpuMs(serverPid), upstream: cpuMs(upstreamPid) };
        samples[which].push(...(await round(which, c, agents[which])));
        cpu[which].app += cpuMs(serverPid) - before.app;
        cpu[which].upstream += cpuMs(upstreamPid) - before.upstream;
        await sleep(5);
      }
    }
    agents.direct.destroy();
    agents.app.destroy();
    const direct = summarize(samples.direct);
    const appS = summarize(samples.app);
    levels.push({
      concurrency: c,
      rounds,
      direct,
      app: appS,
      addedP50: appS.p50 - direct.p50,
      addedP99: appS.p99 - direct.p99,
      cpu: {
        appPerRequest: cpu.app.app / samples.app.length,
        upstreamPerDirect: cpu.direct.upstream / samples.direct.length,
        upstreamPerApp: cpu.app.upstream / samples.app.length,
      },
    });
    log(
      `  direct p50 ${fmt(direct.p50)} p99 ${fmt(direct.p99)} | app p50 ${fmt(appS.p50)} p99 ${fmt(appS.p99)} | added p50 ${fmt(appS.p50 - direct.p50)} p99 ${fmt(appS.p99 - direct.p99)} | failed ${direct.failed}+${appS.failed}`,
    );
  }

  const loadavgAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
  const machine = watch.stop();
  report(o, { ...env, loadavgAtEnd, build, ...machine }, levels, memory);
  if (o.json) {
    writeFileSync(
      o.json,
      `${JSON.stringify({ options: o, environment: { ...env, loadavgAtEnd, build, ...machine }, levels, memory }, null, 2)}\n`,
    );
    log(`results written to ${o.json}`);
  }
  if (o.cpuProf) log(`CPU profile of the app will be written to ${o.cpuProf} as it exits`);
  traceFile = o.trace;
}

let traceFile: string | null = null;

interface TraceRecord {
  tag: string;
  arrive: number;
  fetchStart: number | null;
  fetchHeaders: number | null;
  upstreamText: number | null;
  commit: number | null;
  firstWrite: number | null;
  preDbStatements: number;
  preDbMs: number;
  dbStatements: number;
  dbMs: number;
}

/** Where the time goes inside the app, per phase (written by bench/trace-hooks.mjs). */
function printTrace(file: string): void {
  const data = JSON.parse(readFileSync(file, "utf8")) as {
    records: TraceRecord[];
    loop: Record<string, { p50: number; p99: number; max: number }>;
  };
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const stat = (values: number[]) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    return `${fmt(percentile(sorted, 50))} / ${fmt(percentile(sorted, 99))}`;
  };
  out();
  out("inside the app (ms, p50 / p99), from bench/trace-hooks.mjs:");
  out("  pre    = request event → fetch() to the upstream (routing, body, auth, rate limits, quota)");
  out("  relay  = first upstream answer text → the app's first body write");
  out("  commit = saveTurnStart's COMMIT − first upstream answer text (> 0: the answer waited for it)");
  const tags = [...new Set(data.records.map((r) => r.tag))].filter((t) => t.startsWith("c="));
  for (const t of tags) {
    const rs = data.records.filter(
      (r) => r.tag === t && r.fetchStart !== null && r.upstreamText !== null && r.firstWrite !== null,
    );
    const pre = rs.map((r) => (r.fetchStart as number) - r.arrive);
    const upstream = rs.map((r) => (r.upstreamText as number) - (r.fetchStart as number));
    const relay = rs.map((r) => (r.firstWrite as number) - (r.upstreamText as number));
    const head = rs.map((r) => (r.fetchHeaders ?? Number.NaN) - (r.fetchStart as number));
    const commit = rs.map((r) => (r.commit ?? Number.NaN) - (r.upstreamText as number));
    const inside = rs.map((r) => (r.firstWrite as number) - r.arrive);
    const loop = data.loop[t];
    out(
      `  ${t.padEnd(6)} n ${rs.length}: arrive→first write ${stat(inside)} = pre ${stat(pre)} + upstream ${stat(upstream)} (its response head after ${stat(head)}) + relay ${stat(relay)}; commit ${stat(commit)}`,
    );
    out(
      `         before fetch: ${stat(rs.map((r) => r.preDbStatements))} statements, ${stat(rs.map((r) => r.preDbMs))} ms in them; per request ${stat(rs.map((r) => r.dbStatements))} statements, ${stat(rs.map((r) => r.dbMs))} ms` +
        (loop ? `; event-loop delay p50 ${fmt(loop.p50)} p99 ${fmt(loop.p99)} max ${fmt(loop.max)}` : ""),
    );
  }
}

async function measureMemory(
  o: Options,
  pid: number,
  gcFile: string,
  upstreamPort: number,
  appTarget: () => Target,
): Promise<Memory> {
  const control = (route: string, body: unknown) =>
    fetch(`http://127.0.0.1:${upstreamPort}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => {
      if (!r.ok) throw new Error(`${route} answered ${r.status}`);
    });
  const agent = agentFor(o.hold * 2 + 10);
  const aborter = new AbortController();
  setMaxListeners(0, aborter.signal);
  const held: Promise<Sample>[] = [];
  let open = 0;
  const errors = new Map<string, number>();

  const holdBatch = async () => {
    await control("/__control/faults", { chunkDelayMs: o.holdDelayMs, times: o.hold });
    const target = open + o.hold;
    for (let i = 0; i < o.hold; i++) {
      const sample = send(appTarget(), agent, {
        signal: aborter.signal,
        timeoutMs: 600_000,
        onFirstText: () => {
          open += 1;
        },
      });
      held.push(sample);
      void sample.then((s) => {
        if (!aborter.signal.aborted && !s.ok) errors.set(s.error ?? "?", (errors.get(s.error ?? "?") ?? 0) + 1);
      });
    }
    // Every stream past its first byte (the app then holds a streaming response), then settle.
    await waitFor(async () => (open >= target ? true : null), 60_000, "not all streams opened").catch(() => {
      throw new Error(`only ${open} of ${target} streams opened; failures: ${JSON.stringify([...errors])}`);
    });
    await sleep(2000);
  };

  log(`memory: holding ${o.hold} then ${2 * o.hold} streams open (upstream pace ${o.holdDelayMs} ms)`);
  await sleep(2000);
  const idle = await memorySnapshot(pid, gcFile);
  await holdBatch();
  const held1 = await memorySnapshot(pid, gcFile);
  await holdBatch();
  const held2 = await memorySnapshot(pid, gcFile);
  aborter.abort();
  const results = await Promise.all(held);
  await control("/__control/reset", {});
  agent.destroy();
  // The released streams' answers are still being saved: wait until the server is idle.
  const deadline = performance.now() + 60_000;
  for (let busy = Number.POSITIVE_INFINITY; busy > 50 && performance.now() < deadline; ) {
    const before = cpuMs(pid);
    await sleep(1000);
    busy = cpuMs(pid) - before;
  }
  const after = await memorySnapshot(pid, gcFile);
  const heap = (m: MemorySnapshot) => m.heapUsedKiB + m.externalKiB;
  const memory: Memory = {
    pid,
    hold: o.hold,
    upstreamDelayMs: o.holdDelayMs,
    idle,
    held1,
    held2,
    after,
    perStreamFirstKiB: (held1.rssKiB - idle.rssKiB) / o.hold,
    perStreamSecondKiB: (held2.rssKiB - held1.rssKiB) / o.hold,
    heapPerStreamFirstKiB: (heap(held1) - heap(idle)) / o.hold,
    heapPerStreamSecondKiB: (heap(held2) - heap(held1)) / o.hold,
    failedToOpen: results.filter((s) => Number.isNaN(s.firstTextMs)).length,
  };
  log(
    `  RSS ${idle.rssKiB} → ${held1.rssKiB} → ${held2.rssKiB} KiB (after release ${after.rssKiB}); per stream ${memory.perStreamFirstKiB.toFixed(1)} / ${memory.perStreamSecondKiB.toFixed(1)} KiB (heap+external ${memory.heapPerStreamFirstKiB.toFixed(1)} / ${memory.heapPerStreamSecondKiB.toFixed(1)})`,
  );
  return memory;
}

function report(
  o: Options,
  env: Record<string, unknown> & {
    nproc: number;
    node: string;
    loadavgAtStart: number[];
    loadavgAtEnd: number[];
    maxLoad1: number;
    otherProcesses: string[];
  },
  levels: LevelResult[],
  memory: Memory | null,
): void {
  const target = o.db === "sqlite" ? TARGETS.sqlite : TARGETS.postgresql;
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const row = (cells: (string | number)[], widths: number[]) =>
    cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0))).join("  ");
  const widths = [5, 20, 6, 6, 8, 8, 8, 8];
  out();
  out(
    `TTFB (ms, to the first answer text) — ${o.server === "cluster" ? "scripts/server.ts, " : ""}${o.db}, pace ${o.chunkDelayMs} ms, max_tokens ${o.maxTokens}, ${env.nproc} cores, node ${env.node}`,
  );
  out(row(["c", "path", "n", "failed", "p50", "p90", "p99", "max"], widths));
  for (const l of levels) {
    for (const [name, s] of [
      ["direct (upstream)", l.direct],
      ["via /api/v1/chat", l.app],
    ] as const) {
      out(row([l.concurrency, name, s.n, s.failed, fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.max)], widths));
    }
    const verdict = (v: number, limit: number) => `${fmt(v)} ${v <= limit ? "ok" : "MISS"} (≤ ${limit})`;
    out(
      `${"".padEnd(widths[0] ?? 0)}  added: p50 ${verdict(l.addedP50, target.p50)}, p99 ${verdict(l.addedP99, target.p99)}; ratio app/direct p50 ${(l.app.p50 / l.direct.p50).toFixed(2)}×, p99 ${(l.app.p99 / l.direct.p99).toFixed(2)}×`,
    );
    out(
      `${"".padEnd(widths[0] ?? 0)}  CPU per request: app ${fmt(l.cpu.appPerRequest)} ms; upstream ${fmt(l.cpu.upstreamPerDirect)} ms direct, ${fmt(l.cpu.upstreamPerApp)} ms via the app`,
    );
    for (const [name, s] of [
      ["direct", l.direct],
      ["app", l.app],
    ] as const) {
      if (s.failed) out(`${"".padEnd(widths[0] ?? 0)}  ${name} failures: ${JSON.stringify(s.errors)}`);
    }
  }
  out();
  out(
    `direct, raw first body byte p50 (SSE comment / role delta, not timed above): ${levels.map((l) => `c=${l.concurrency} ${fmt(l.direct.rawFirstByteP50)}`).join(", ")}`,
  );
  if (memory) {
    const worst = Math.max(memory.perStreamFirstKiB, memory.perStreamSecondKiB);
    const snap = (m: MemorySnapshot) => `${m.rssKiB} KiB (heap ${m.heapUsedKiB} + external ${m.externalKiB})`;
    out(`memory of the server process (pid ${memory.pid}), after a full GC, VmRSS:`);
    out(`  idle ${snap(memory.idle)}`);
    out(`  ${memory.hold} streams open ${snap(memory.held1)}`);
    out(`  ${2 * memory.hold} streams open ${snap(memory.held2)}`);
    out(`  after release ${snap(memory.after)}`);
    out(
      `  per open stream: RSS first ${memory.hold} ${memory.perStreamFirstKiB.toFixed(1)} KiB, next ${memory.hold} ${memory.perStreamSecondKiB.toFixed(1)} KiB → ${worst <= TARGETS.memoryKiB ? "ok" : "MISS"} (≤ ${TARGETS.memoryKiB} KiB); JS heap + external ${memory.heapPerStreamFirstKiB.toFixed(1)} / ${memory.heapPerStreamSecondKiB.toFixed(1)} KiB${memory.failedToOpen ? `; ${memory.failedToOpen} streams never opened` : ""}`,
    );
  }
  out(
    `load average: ${env.loadavgAtStart.join(" ")} at start, ${env.loadavgAtEnd.join(" ")} at end, 1-min max ${env.maxLoad1} during the run; other heavy processes seen: ${env.otherProcesses.length ? env.otherProcesses.join(", ") : "none"}`,
  );
}

await runBench("ttfb bench", main, () => {
  if (traceFile) printTrace(traceFile);
});
