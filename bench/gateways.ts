/**
 * Gateways side by side (issue #12's table): `npx tsx bench/gateways.ts [options]` (see --help).
 *
 * One local upstream (its own process, fixed pace, 32-chunk answers) and, all running at once
 * against it: the floor (bench/floor-proxy.ts, a bare node:http streaming proxy), Portkey's
 * open-source gateway from npm (installed outside the repository, --portkey DIR), and SPJ Chat as
 * `npm start` runs it (scripts/server.ts, one worker per core) on SQLite and on PostgreSQL, with
 * auth, rate limits, quota and persistence on. Streamed `POST …/chat/completions` everywhere.
 *
 * Phases: warm-up; at each concurrency level, rounds of c streams that start together, the
 * direct path and every gateway in turn, the order rotated each round (so all see the same
 * machine); a closed loop of non-streamed requests per gateway; open streams held by a slow
 * upstream (memory). `--burners N` runs N busy loops beside it all (a loaded machine).
 * "Added" is a gateway's percentile minus the direct path's; CPU is the gateway's whole process
 * tree (user + system) over its own rounds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import {
  agentFor,
  cleanups,
  descendants,
  ensureBuild,
  fmt,
  freePort,
  freshDatabase,
  gitState,
  log,
  MachineWatch,
  MODEL,
  median,
  provisionKeys,
  QUESTION,
  runBench,
  type Sample,
  type Summary,
  send,
  sleep,
  snapshotBuild,
  startApp,
  startChild,
  startUpstream,
  summarize,
  type Target,
  treeCpuMs,
  treeRssKiB,
  type Upstream,
  waitFor,
} from "./harness";

const HELP = `Usage: npx tsx bench/gateways.ts [options]

  --only a,b,…          gateways: floor,portkey,sqlite,postgresql (default all)
  --levels 1,50,200     concurrent streams (default 1,50,200)
  --requests N          samples per gateway per level (default 300; at least --min-rounds rounds)
  --min-rounds N        (default 5)
  --max-tokens N        answer chunks (default 32)
  --pace MS             the upstream's pace between chunks (default 5)
  --nonstream-seconds S closed loop of non-streamed requests per gateway (default 5; 0 skips)
  --nonstream-concurrency K (default 32)
  --hold K              streams held open for the memory phase (default 200; 0 skips)
  --burners N           busy loops beside the benchmark (a loaded machine; default 0)
  --workers N           SPJ Chat workers (default: one per core, as npm start)
  --portkey DIR         where @portkey-ai/gateway is installed (default /tmp/portkey)
  --port P              first port to try (default 3371)
  --users N             SPJ Chat users with a key each (default 64)
  --pg-url URL          (default postgresql://postgres@127.0.0.1:5432/postgres)
  --build auto|always|never   (default auto)
  --json FILE           also write the results as JSON
  --cpu-prof DIR        SPJ Chat's processes write V8 CPU profiles (.cpuprofile) into DIR
  --verbose

The whole table (issue #12), with ratios to the floor and to Portkey, in one command:
  npx tsx bench/gateways.ts --json gateways.json
and the same on a loaded machine (0 errors at 200 streams): add --burners 2.
On a busy machine, --requests 40 --min-rounds 3 keeps a run to about ten minutes.
`;

interface Options {
  only: string[];
  levels: number[];
  requests: number;
  minRounds: number;
  maxTokens: number;
  pace: number;
  nonstreamSeconds: number;
  nonstreamConcurrency: number;
  hold: number;
  burners: number;
  workers: number;
  portkey: string;
  port: number;
  users: number;
  pgUrl: string;
  build: "auto" | "always" | "never";
  json: string | null;
  cpuProf: string | null;
  verbose: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    only: ["floor", "portkey", "sqlite", "postgresql"],
    levels: [1, 50, 200],
    requests: 300,
    minRounds: 5,
    maxTokens: 32,
    pace: 5,
    nonstreamSeconds: 5,
    nonstreamConcurrency: 32,
    hold: 200,
    burners: 0,
    workers: os.availableParallelism(),
    portkey: "/tmp/portkey",
    port: 3371,
    users: 64,
    pgUrl: "postgresql://postgres@127.0.0.1:5432/postgres",
    build: "auto",
    json: null,
    cpuProf: null,
    verbose: false,
  };
  const int = (flag: string, v: string | undefined, min = 0) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = () => argv[++i];
    if (flag === "--help" || flag === "-h") {
      process.stdout.write(HELP);
      process.exit(0);
    } else if (flag === "--only") o.only = (value() ?? "").split(",");
    else if (flag === "--levels") o.levels = (value() ?? "").split(",").map((s) => int(flag, s, 1));
    else if (flag === "--requests") o.requests = int(flag, value(), 1);
    else if (flag === "--min-rounds") o.minRounds = int(flag, value(), 1);
    else if (flag === "--max-tokens") o.maxTokens = int(flag, value(), 2);
    else if (flag === "--pace") o.pace = int(flag, value());
    else if (flag === "--nonstream-seconds") o.nonstreamSeconds = int(flag, value());
    else if (flag === "--nonstream-concurrency") o.nonstreamConcurrency = int(flag, value(), 1);
    else if (flag === "--hold") o.hold = int(flag, value());
    else if (flag === "--burners") o.burners = int(flag, value());
    else if (flag === "--workers") o.workers = int(flag, value(), 1);
    else if (flag === "--portkey") o.portkey = value() ?? o.portkey;
    else if (flag === "--port") o.port = int(flag, value(), 1);
    else if (flag === "--users") o.users = int(flag, value(), 1);
    else if (flag === "--pg-url") o.pgUrl = value() ?? o.pgUrl;
    else if (flag === "--build") o.build = value() as Options["build"];
    else if (flag === "--json") o.json = path.resolve(value() ?? "bench/gateways.json");
    else if (flag === "--cpu-prof") o.cpuProf = path.resolve(value() ?? "cpu-profiles");
    else if (flag === "--verbose") o.verbose = true;
    else throw new Error(`Unknown argument ${flag} (see --help)`);
  }
  return o;
}

/**
 * Every gateway process gets bench/gc-hook.mjs: a full GC on SIGUSR2 before memory is sampled,
 * after which it writes its live heap to GC_DIR/<pid>.json.
 */
const GC_DIR = mkdtempSync(path.join(os.tmpdir(), "spj-gc-"));
cleanups.push(async () => rmSync(GC_DIR, { recursive: true, force: true }));
const GC_ENV = {
  NODE_OPTIONS: `--expose-gc --import ${new URL("./gc-hook.mjs", import.meta.url).href}`,
  BENCH_GC_DIR: GC_DIR,
};

/** Something that answers `chat/completions`: the upstream itself, or a gateway in front of it. */
interface Gateway {
  name: string;
  /** The process tree whose CPU and memory count (0: not measured, the direct path). */
  pid: number;
  target: (stream: boolean) => Target;
}

function completionTarget(port: number, urlPath: string, headers: () => Record<string, string>, o: Options) {
  return (stream: boolean): Target => {
    const body = JSON.stringify({
      model: MODEL,
      messages: [{ role: "user", content: QUESTION }],
      stream,
      max_tokens: o.maxTokens,
    });
    return {
      port,
      path: urlPath,
      body,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers() },
      sse: stream,
    };
  };
}

async function startFloor(o: Options, upstream: Upstream, port: number): Promise<Gateway> {
  const child = startChild(
    "floor",
    ["--import", "tsx", "bench/floor-proxy.ts"],
    { ...process.env, ...GC_ENV, PORT: String(port), UPSTREAM_URL: upstream.url, UPSTREAM_KEY: upstream.key },
    o.verbose,
  );
  await waitFor(async () => (child.output.some((l) => l.includes("listening")) ? true : null), 30_000, "floor", child);
  return {
    name: "floor (bare proxy)",
    pid: child.proc.pid as number,
    target: completionTarget(port, "/v1/chat/completions", () => ({}), o),
  };
}

async function startPortkey(o: Options, upstream: Upstream, port: number): Promise<Gateway | string> {
  const entry = path.join(o.portkey, "node_modules/@portkey-ai/gateway/build/start-server.js");
  if (!existsSync(entry)) return `not installed (npm install @portkey-ai/gateway in ${o.portkey})`;
  const child = startChild(
    "portkey",
    ["--import", new URL("./portkey-fetch-shim.mjs", import.meta.url).href, entry, `--port=${port}`, "--headless"],
    { ...process.env, ...GC_ENV, NODE_ENV: "production" },
    o.verbose,
    o.portkey,
  );
  await waitFor(async () => (child.output.some((l) => l.includes("Ready")) ? true : null), 60_000, "portkey", child);
  const headers = {
    "x-portkey-provider": "openai",
    "x-portkey-custom-host": upstream.url,
    authorization: `Bearer ${upstream.key}`,
  };
  return {
    name: "Portkey",
    pid: child.proc.pid as number,
    target: completionTarget(port, "/v1/chat/completions", () => headers, o),
  };
}

async function startOurs(
  o: Options,
  db: "sqlite" | "postgresql",
  upstream: Upstream,
  appDir: string,
  port: number,
): Promise<Gateway> {
  const databaseUrl = await freshDatabase(db, o.pgUrl);
  const keys = await provisionKeys(databaseUrl, o.users);
  const app = await startApp({
    server: "cluster",
    appDir,
    port,
    databaseUrl,
    upstream,
    workers: o.workers,
    env: GC_ENV,
    // (Not allowed in NODE_OPTIONS; the workers inherit the primary's arguments.)
    nodeArgs: o.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProf}`] : [],
    verbose: o.verbose,
    name: db,
  });
  let next = 0;
  const headers = () => ({ authorization: `Bearer ${keys[next++ % keys.length]}` });
  return {
    name: `SPJ Chat, ${db === "sqlite" ? "SQLite" : "PostgreSQL"}`,
    pid: app.pid,
    target: completionTarget(app.port, "/api/v1/chat/completions", headers, o),
  };
}

interface Row {
  name: string;
  levels: { c: number; summary: Summary; addedP50: number; addedP99: number; cpuPerRequest: number }[];
  nonStreamed: { perSecond: number; cpuPerRequest: number; failed: number } | null;
  /**
   * The process tree's growth per open stream: its RSS, and its live memory (V8's heap in use
   * plus the memory its objects hold outside it, after a full GC). RSS also moves with what the
   * allocators keep or return, by megabytes either way in a process of hundreds: with 200 streams
   * that is tens of KiB per stream, in both directions.
   */
  kibPerStream: { rss: number; live: number } | null;
  failed: number;
  total: number;
  errors: Record<string, number>;
}

function round(g: Gateway, c: number, agent: http.Agent, stream = true): Promise<Sample[]> {
  return Promise.all(Array.from({ length: c }, () => send(g.target(stream), agent)));
}

async function nonStreamed(g: Gateway, o: Options) {
  const agent = agentFor(o.nonstreamConcurrency);
  const cpu = treeCpuMs(g.pid);
  const until = performance.now() + o.nonstreamSeconds * 1000;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.nonstreamConcurrency }, async () => {
      while (performance.now() < until) {
        const s = await send(g.target(false), agent);
        if (s.ok) ok++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: ok / seconds, cpuPerRequest: (treeCpuMs(g.pid) - cpu) / Math.max(1, ok + failed), failed };
}

async function kibPerOpenStream(g: Gateway, o: Options, upstream: Upstream): Promise<{ rss: number; live: number }> {
  const measure = async () => {
    const asked = Date.now();
    const pids = descendants(g.pid);
    for (const pid of pids) process.kill(pid, "SIGUSR2");
    // Every process's answer (a worker busy with 200 streams may take a while), then RSS settled.
    const live = await waitFor(
      async () => {
        const total = sum(pids.map((pid) => liveKiB(pid, asked)));
        return Number.isNaN(total) ? null : total;
      },
      15_000,
      "no answer from bench/gc-hook.mjs",
    ).catch(() => Number.NaN);
    await sleep(1000);
    const values: number[] = [];
    for (let i = 0; i < 5; i++) {
      values.push(treeRssKiB(g.pid));
      await sleep(200);
    }
    return { rss: median(values), live };
  };
  await sleep(1500);
  const before = await measure();
  await fetch(`${upstream.url.replace(/\/v1$/, "")}/__control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ chunkDelayMs: 2000, times: o.hold }),
  });
  const agent = agentFor(o.hold + 10);
  const aborter = new AbortController();
  setMaxListeners(0, aborter.signal);
  let open = 0;
  const held = Array.from({ length: o.hold }, () =>
    send(g.target(true), agent, { signal: aborter.signal, timeoutMs: 600_000, onFirstText: () => open++ }),
  );
  await waitFor(async () => (open >= o.hold ? true : null), 60_000, `${g.name}: not all streams opened`).catch(
    () => null,
  );
  await sleep(1500);
  const during = await measure();
  aborter.abort();
  await Promise.all(held);
  await fetch(`${upstream.url.replace(/\/v1$/, "")}/__control/reset`, { method: "POST", body: "{}" });
  agent.destroy();
  await sleep(3000);
  const perStream = (kib: number) => kib / Math.max(1, open);
  return { rss: perStream(during.rss - before.rss), live: perStream(during.live - before.live) };
}

/** What bench/gc-hook.mjs wrote for the process after its GC (NaN when it did not answer). */
function liveKiB(pid: number, since: number): number {
  try {
    const usage = JSON.parse(readFileSync(path.join(GC_DIR, `${pid}.json`), "utf8"));
    return usage.at >= since ? (usage.heapUsed + usage.external) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function burn(count: number): ChildProcess[] {
  const burners = Array.from({ length: count }, () =>
    spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }),
  );
  cleanups.push(async () => {
    for (const b of burners) b.kill("SIGKILL");
  });
  return burners;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const watch = new MachineWatch();
  const loadAtStart = os.loadavg().map((l) => l.toFixed(2));
  log(
    `gateways bench: ${o.only.join(", ")}; levels ${o.levels.join(",")}; ${o.burners} burners; load ${loadAtStart.join(" ")}`,
  );
  const ours = o.only.filter((g) => g === "sqlite" || g === "postgresql") as ("sqlite" | "postgresql")[];
  let appDir = "";
  if (ours.length) {
    log(await ensureBuild(o.build));
    appDir = (await snapshotBuild()).dir;
  }
  const upstream = await startUpstream(o.pace, o.verbose);
  const direct: Gateway = {
    name: "direct (upstream)",
    pid: 0,
    target: completionTarget(
      upstream.port,
      "/v1/chat/completions",
      () => ({ authorization: `Bearer ${upstream.key}` }),
      o,
    ),
  };
  const gateways: Gateway[] = [];
  const skipped: string[] = [];
  let port = o.port;
  const nextPort = async () => freePort(port++);
  if (o.only.includes("floor")) gateways.push(await startFloor(o, upstream, await nextPort()));
  if (o.only.includes("portkey")) {
    const started = await startPortkey(o, upstream, await nextPort());
    if (typeof started === "string") skipped.push(`Portkey: ${started}`);
    else gateways.push(started);
  }
  for (const db of ours) gateways.push(await startOurs(o, db, upstream, appDir, await nextPort()));
  log(`running: ${gateways.map((g) => g.name).join(", ")}${skipped.length ? `; skipped ${skipped.join("; ")}` : ""}`);

  // Every path answers before anything is timed (a broken gateway fails here, not in the table).
  for (const g of [direct, ...gateways]) {
    const [s] = await round(g, 1, agentFor(1));
    if (!s?.ok) throw new Error(`${g.name} does not answer: ${s?.error}`);
  }
  if (o.burners) log(`started ${burn(o.burners).length} CPU burners`);
  const all = [direct, ...gateways];
  const samples = new Map<string, Sample[]>();
  const record = (g: Gateway, level: number, s: Sample[]) => {
    const key = `${g.name}@${level}`;
    samples.set(key, [...(samples.get(key) ?? []), ...s]);
  };
  const cpu = new Map<string, number>();
  {
    const agent = agentFor(10);
    for (let r = 0; r < 5; r++) for (const g of all) await round(g, 10, agent);
    agent.destroy();
  }
  for (const c of o.levels) {
    const rounds = Math.max(o.minRounds, Math.ceil(o.requests / c));
    log(`c=${c}: ${rounds} rounds per path`);
    const agents = new Map(all.map((g) => [g.name, agentFor(c)]));
    for (const g of all) await round(g, c, agents.get(g.name) as http.Agent);
    for (let r = 0; r < rounds; r++) {
      const order = all.map((_, i) => all[(i + r) % all.length] as Gateway);
      for (const g of order) {
        const before = g.pid ? treeCpuMs(g.pid) : 0;
        record(g, c, await round(g, c, agents.get(g.name) as http.Agent));
        if (g.pid) cpu.set(`${g.name}@${c}`, (cpu.get(`${g.name}@${c}`) ?? 0) + treeCpuMs(g.pid) - before);
        await sleep(5);
      }
    }
    for (const a of agents.values()) a.destroy();
  }

  const rows: Row[] = [];
  for (const g of gateways) {
    const row: Row = {
      name: g.name,
      levels: [],
      nonStreamed: null,
      kibPerStream: null,
      failed: 0,
      total: 0,
      errors: {},
    };
    for (const c of o.levels) {
      const mine = samples.get(`${g.name}@${c}`) ?? [];
      const summary = summarize(mine);
      const base = summarize(samples.get(`${direct.name}@${c}`) ?? []);
      row.levels.push({
        c,
        summary,
        addedP50: summary.p50 - base.p50,
        addedP99: summary.p99 - base.p99,
        cpuPerRequest: (cpu.get(`${g.name}@${c}`) ?? 0) / Math.max(1, mine.length),
      });
      row.failed += summary.failed;
      row.total += mine.length;
      for (const [e, n] of Object.entries(summary.errors)) row.errors[e] = (row.errors[e] ?? 0) + n;
    }
    rows.push(row);
  }
  if (o.nonstreamSeconds > 0) {
    for (const [i, g] of gateways.entries()) {
      log(`non-streamed: ${g.name}`);
      const result = await nonStreamed(g, o);
      (rows[i] as Row).nonStreamed = result;
      (rows[i] as Row).failed += result.failed;
    }
  }
  if (o.hold > 0) {
    for (const [i, g] of gateways.entries()) {
      log(`memory: ${o.hold} open streams through ${g.name}`);
      (rows[i] as Row).kibPerStream = await kibPerOpenStream(g, o, upstream);
    }
  }
  const machine = watch.stop();
  const environment = {
    cores: os.availableParallelism(),
    node: process.version,
    git: gitState(),
    loadAtStart,
    loadAtEnd: os.loadavg().map((l) => l.toFixed(2)),
    ...machine,
    burners: o.burners,
    workers: o.workers,
    skipped,
  };
  report(o, rows, environment);
  if (o.json) writeFileSync(o.json, `${JSON.stringify({ options: o, environment, rows }, null, 2)}\n`);
}

function report(
  o: Options,
  rows: Row[],
  env: Record<string, unknown> & { loadAtStart: string[]; loadAtEnd: string[] },
) {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const floor = rows.find((r) => r.name.startsWith("floor"));
  const portkey = rows.find((r) => r.name === "Portkey");
  const ms = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
  const cpuRange = (r: Row) => {
    const v = r.levels.map((l) => l.cpuPerRequest);
    return `${fmt(Math.min(...v))}–${fmt(Math.max(...v))} ms`;
  };
  const ratio = (v: number | undefined, base: number | undefined) =>
    v === undefined || base === undefined || !Number.isFinite(v) || !Number.isFinite(base) || base === 0
      ? "-"
      : `${(v / base).toFixed(1)}×`;
  out();
  out(
    `Gateways, streamed chat/completions, ${o.maxTokens}-chunk answers at ${o.pace} ms, ${env.cores} cores, node ${env.node}, SPJ Chat with ${o.workers} workers${o.burners ? `, ${o.burners} CPU burners beside` : ""}`,
  );
  out(
    `| | ${o.levels.map((c) => `added TTFB p50 / p99 at ${c}`).join(" | ")} | CPU per streamed request | non-streamed req/s (CPU each) | KiB per open stream (RSS / live) | errors |`,
  );
  out(`|---|${o.levels.map(() => "---:").join("|")}|---:|---:|---:|---:|`);
  for (const r of rows) {
    const ns = r.nonStreamed ? `${r.nonStreamed.perSecond.toFixed(0)} (${fmt(r.nonStreamed.cpuPerRequest)} ms)` : "-";
    out(
      `| ${r.name} | ${r.levels.map((l) => `${ms(l.addedP50)} / ${ms(l.addedP99)} ms`).join(" | ")} | ${cpuRange(r)} | ${ns} | ${r.kibPerStream === null ? "-" : `${r.kibPerStream.rss.toFixed(0)} / ${r.kibPerStream.live.toFixed(0)}`} | ${r.failed} of ${r.total}${r.failed ? ` ${JSON.stringify(r.errors)}` : ""} |`,
    );
  }
  out();
  out(
    "Ratios (to the floor / to Portkey): added p50 at each level; CPU per streamed request (median level); req/s; live KiB per open stream",
  );
  for (const r of rows) {
    if (r === floor) continue;
    const mid = (x: Row | undefined) => (x ? median(x.levels.map((l) => l.cpuPerRequest)) : undefined);
    const parts = [
      ...r.levels.map(
        (l, i) =>
          `p50@${l.c} ${ratio(l.addedP50, floor?.levels[i]?.addedP50)} / ${ratio(l.addedP50, portkey?.levels[i]?.addedP50)}`,
      ),
      `CPU ${ratio(mid(r), mid(floor))} / ${ratio(mid(r), mid(portkey))}`,
      `req/s ${ratio(r.nonStreamed?.perSecond, floor?.nonStreamed?.perSecond)} / ${ratio(r.nonStreamed?.perSecond, portkey?.nonStreamed?.perSecond)}`,
      `KiB ${ratio(r.kibPerStream?.live, floor?.kibPerStream?.live)} / ${ratio(r.kibPerStream?.live, portkey?.kibPerStream?.live)}`,
    ];
    out(`  ${r.name}: ${parts.join("; ")}`);
  }
  out();
  out(
    `load average ${env.loadAtStart.join(" ")} at start, ${env.loadAtEnd.join(" ")} at end, 1-min max ${env.maxLoad1}; other heavy processes: ${(env.otherProcesses as string[]).join(", ") || "none"}${(env.skipped as string[]).length ? `; skipped: ${(env.skipped as string[]).join("; ")}` : ""}`,
  );
}

await runBench("gateways bench", main);
