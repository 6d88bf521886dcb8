/**
 * The usage dashboard's queries at scale: `npx tsx bench/usage-dashboard.ts [options]`.
 *
 * For each database (a fresh SQLite file, a fresh PostgreSQL database) a child process migrates
 * it, seeds N ledger rows and their daily rollups (bench/usage-seed.ts: bulk multi-row INSERTs in
 * transactions, never one ORM call per row), then times every query the dashboard pages make —
 * through the app's own functions (lib/db/usage.ts, lib/usage/dashboard.ts) — and reports the
 * median (p50) and the slowest of several runs after a warm-up. BENCHMARKS.md has the figures.
 *
 *   --events N        ledger rows (default 1000000)
 *   --users N         people (default events / 1000, at least 50)
 *   --days N          days of history, ending today (default 90)
 *   --db sqlite|postgresql|both   (default both)
 *   --pg-url URL      server on which a fresh database is created and dropped
 *                     (default postgresql://postgres@127.0.0.1:5432/postgres)
 *   --runs N          timed runs per query (default 9)
 *   --quiet-wait M    before timing, wait up to M minutes for load < 1.5 and no other test,
 *                     build or benchmark running (default 0)
 *   --seed-only URL   only migrate and seed the database at URL (for demos and screenshots)
 *   --time-only URL   only check and time the database at URL, seeded earlier with --seed-only
 *                     and the same --events (so two databases can be seeded at once)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { RollupFilter } from "../lib/db/usage";
import { waitUntilQuiet } from "./quiet";
import {
  buildDirectory,
  type Directory,
  ledgerBatches,
  MODELS,
  prng,
  type RollupRow,
  rollUp,
  type SeedOptions,
} from "./usage-seed";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const events = Number(flag("events") ?? 1_000_000);
const users = Number(flag("users") ?? Math.max(50, Math.round(events / 1000)));
const days = Number(flag("days") ?? 90);
const runs = Number(flag("runs") ?? 9);
const pgUrl = flag("pg-url") ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const todayUtc = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

// ───────────────────────────── seeding ─────────────────────────────

type Rows = unknown[][];
interface Sink {
  insert(table: string, columns: string[], rows: Rows): Promise<void>;
  /** Runs a script of SQL statements. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function sqliteSink(url: string): Promise<Sink> {
  const { default: Database } = await import("better-sqlite3");
  const file = url.replace(/^file:/, "");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  return {
    async insert(table, columns, rows) {
      const statement = sqlite.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      sqlite.transaction((all: Rows) => {
        for (const row of all) statement.run(...row);
      })(rows);
    },
    async exec(sql) {
      sqlite.exec(sql);
    },
    async close() {
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      sqlite.exec("ANALYZE");
      sqlite.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(table, columns, rows) {
      // Multi-row VALUES, as many rows as fit PostgreSQL's 65535 parameters.
      const per = Math.floor(60_000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
        await client.query(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`,
          chunk.flat(),
        );
      }
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      // What autovacuum does on a live install: statistics, and the visibility map index-only scans need.
      await client.query("VACUUM ANALYZE");
      await client.end();
    },
  };
}

const LEDGER_COLUMNS = [
  "id",
  "userId",
  "workspaceId",
  "conversationId",
  "apiKeyId",
  "model",
  "promptTokens",
  "completionTokens",
  "source",
  "outcome",
  "latencyMs",
  "ttftMs",
  "inputPricePer1k",
  "outputPricePer1k",
  "cost",
  "createdAt",
] as const;
const ROLLUP_COLUMNS = [
  "id",
  "day",
  "workspaceId",
  "userId",
  "model",
  "apiKeyId",
  "promptTokens",
  "completionTokens",
  "requests",
  "errors",
  "cost",
  "unpricedRequests",
] as const;

async function seed(url: string, options: SeedOptions): Promise<{ rollups: number; seconds: number }> {
  const started = performance.now();
  const random = prng(42);
  const dir: Directory = buildDirectory(options.users, random);
  const sink = url.startsWith("file:") ? await sqliteSink(url) : await postgresSink(url);
  const now = new Date().toISOString().replace("Z", "+00:00");
  await sink.insert(
    "User",
    ["id", "email", "name", "role", "createdAt", "updatedAt"],
    dir.people.map((p, i) => [p.id, p.email, p.name, i === 0 ? "ADMIN" : "USER", now, now]),
  );
  await sink.insert(
    "Workspace",
    ["id", "name", "kind", "plan", "createdAt", "updatedAt"],
    dir.workspaces.map((w) => [w.id, w.name, w.kind, w.plan, now, now]),
  );
  await sink.insert(
    "Membership",
    ["id", "workspaceId", "userId", "role", "createdAt"],
    dir.memberships.map((m, i) => [`m-${i}`, m.workspaceId, m.userId, m.role, now]),
  );
  await sink.insert(
    "ApiKey",
    ["id", "workspaceId", "userId", "name", "hash", "last4", "createdAt"],
    dir.keys.map((k) => [k.id, k.workspaceId, k.userId, k.name, `hash-${k.id}`, k.last4, now]),
  );
  const conversations: Rows = [];
  const span = (options.days - 1) * 86_400_000;
  for (const p of dir.people) {
    for (let c = 0; c < p.conversations; c++) {
      const at = new Date(options.today.getTime() - Math.floor(random() * span)).toISOString().replace("Z", "+00:00");
      conversations.push([
        `conv-${p.id}-${c}`,
        p.workspaceId,
        p.id,
        `Conversation ${c + 1}`,
        "llama-3.3-70b-versatile",
        at,
        at,
      ]);
    }
  }
  await sink.insert(
    "Conversation",
    ["id", "workspaceId", "ownerId", "title", "model", "createdAt", "updatedAt"],
    conversations,
  );

  const rollups = new Map<string, RollupRow>();
  let done = 0;
  for (const batch of ledgerBatches(options, dir, random, 20_000)) {
    rollUp(rollups, batch);
    await sink.insert(
      "UsageEvent",
      [...LEDGER_COLUMNS],
      batch.map((r) => LEDGER_COLUMNS.map((c) => r[c])),
    );
    done += batch.length;
    if (done % 500_000 === 0) process.stderr.write(`  ${done.toLocaleString("en-US")} ledger rows\n`);
  }
  // In production a rollup row is created by the first call of its day, so the table is in day
  // order on disk; inserting in that order keeps the benchmark honest about locality.
  const rows = [...rollups.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (let i = 0; i < rows.length; i += 50_000) {
    await sink.insert(
      "UsageDaily",
      [...ROLLUP_COLUMNS],
      rows
        .slice(i, i + 50_000)
        .map((r, j) => [`d-${i + j}`, ...ROLLUP_COLUMNS.slice(1).map((c) => r[c as keyof RollupRow])]),
    );
  }
  // The coarse totals come from the daily rollups by the very statements of their migration's
  // backfill, which this also puts to work at scale (checked in timeQueries).
  const migration = await readFile(
    path.join(
      "prisma/migrations",
      url.startsWith("file:") ? "sqlite" : "postgresql",
      "0006_usage_totals/migration.sql",
    ),
    "utf8",
  );
  await sink.exec(migration.slice(migration.indexOf("-- Backfill")));
  await sink.close();
  return { rollups: rows.length, seconds: (performance.now() - started) / 1000 };
}

// ───────────────────────────── checking ─────────────────────────────

/**
 * Before timing anything: the install-wide answers, read from the coarse totals, must equal the
 * same questions asked of the daily rollups (a filter naming every workspace takes that path).
 */
async function checkTotals(): Promise<void> {
  const usage = await import("../lib/db/usage");
  const { parseUsageFilters } = await import("../lib/usage/dashboard-filters");
  const everyWorkspace = (await usage.listWorkspaces(null, 1_000_000)).map((w) => w.id);
  // Costs are floats summed in another order: equal to a billionth.
  const same = (a: unknown, b: unknown): boolean => {
    if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    return Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => same(x[k], y[k]));
  };
  for (const from of [
    parseUsageFilters({}).from,
    parseUsageFilters({}, new Date(todayUtc.getTime() - 45 * 86_400_000)).from,
  ]) {
    const f = { workspaceIds: null, from, to: parseUsageFilters({}).to };
    const fine = { ...f, workspaceIds: everyWorkspace };
    const questions: [string, (q: RollupFilter) => Promise<unknown>][] = [
      ["totals", (q) => usage.sumUsage(q)],
      ["by day and model", (q) => usage.sumByDayAndModel(q)],
      ["top users", (q) => usage.topUsers(q, 100)],
      ["top keys", (q) => usage.topApiKeys(q, 10)],
      ["per workspace", (q) => usage.sumByWorkspace(q, 20)],
    ];
    for (const [name, ask] of questions) {
      if (!same(await ask(f), await ask(fine))) {
        throw new Error(`the coarse totals disagree with the daily rollups: ${name} from ${from}`);
      }
    }
  }
  process.stderr.write("  checked: the coarse totals give the daily rollups' answers\n");
}

// ───────────────────────────── timing ─────────────────────────────

async function timeQueries(): Promise<{ name: string; p50: number; max: number }[]> {
  const usage = await import("../lib/db/usage");
  const { loadUsageReport } = await import("../lib/usage/dashboard");
  const { loadMyUsage } = await import("../lib/usage/my-usage");
  const { parseUsageFilters, monthStart } = await import("../lib/usage/dashboard-filters");
  const last30 = parseUsageFilters({});
  const last90 = parseUsageFilters({
    from: parseUsageFilters({}, new Date(todayUtc.getTime() - 60 * 86_400_000)).from,
  });
  const all = { workspaceIds: null, ...last30 };
  const oneModel = { ...all, model: MODELS[0]?.id };
  const everyone = { workspaceIds: null, systemAdmin: true };
  const team = { workspaceIds: ["team-0"], systemAdmin: false };
  // The heaviest user (user-0) and their workspace.
  const heavy = (await usage.findUsers(["user-0"]))[0];
  if (!heavy) throw new Error("the seed has no user-0");
  const member = await usage.teamWorkspacesAdministeredBy("user-0");
  const workspaceId = member[0] ?? "ws-0";
  const queries: [string, () => Promise<unknown>][] = [
    ["totals (30 days, all workspaces)", () => usage.sumUsage(all)],
    ["tokens per day by model (30 days)", () => usage.sumByDayAndModel(all)],
    ["top 100 users (30 days; table and filter)", () => usage.topUsers(all, 100)],
    ["top 10 API keys (30 days)", () => usage.topApiKeys(all, 10)],
    [
      "this month per workspace (top 20)",
      () => usage.sumByWorkspace({ workspaceIds: null, from: monthStart(last30.to), to: last30.to }, 20),
    ],
    // A model filter sends the install-wide views to the daily rollups: UsageTotal keeps no model
    // alongside a user, a key or a workspace.
    ["top 100 users of one model (30 days)", () => usage.topUsers(oneModel, 100)],
    ["top 10 API keys of one model (30 days)", () => usage.topApiKeys(oneModel, 10)],
    [
      "this month per workspace, one model",
      () => usage.sumByWorkspace({ ...oneModel, from: monthStart(last30.to) }, 20),
    ],
    ["one user by day and model (30 days)", () => usage.sumByDayAndModel({ ...all, userId: heavy.id })],
    ["whole dashboard page, system admin, 30 days", () => loadUsageReport(everyone, last30)],
    ["whole dashboard page, system admin, 90 days", () => loadUsageReport(everyone, last90)],
    ["whole dashboard page, one team's admin", () => loadUsageReport(team, last30)],
    ["whole drill-down page (one user)", () => loadUsageReport(everyone, { ...last30, userId: heavy.id })],
    ["whole My usage page", () => loadMyUsage({ userId: heavy.id, workspaceId })],
  ];
  const results = [];
  for (const [name, run] of queries) {
    for (let i = 0; i < 2; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({ name, p50: times[Math.floor(times.length / 2)] as number, max: times.at(-1) as number });
  }
  return results;
}

// ───────────────────────────── orchestration ─────────────────────────────

interface ChildReport {
  db: string;
  events: number;
  users: number;
  /** Unknown when timing a database seeded earlier (--time-only). */
  rollups?: number;
  seedSeconds?: number;
  sizeMb: number;
  queries: { name: string; p50: number; max: number }[];
}

/** Checks, waits for a quiet machine, times the queries and measures the database's size. */
async function measure(db: "sqlite" | "postgresql", url: string): Promise<Pick<ChildReport, "queries" | "sizeMb">> {
  await checkTotals();
  await waitUntilQuiet("usage-dashboard", Number(flag("quiet-wait") ?? 0));
  const loadBefore = os.loadavg()[0] as number;
  const queries = await timeQueries();
  process.stderr.write(
    `  load average (1 min) while timing: ${loadBefore.toFixed(2)} → ${os.loadavg()[0]?.toFixed(2)}\n`,
  );
  let sizeMb = 0;
  if (db === "sqlite") sizeMb = statSync(url.replace(/^file:/, "")).size / 1e6;
  else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT pg_database_size(current_database()) AS size");
    sizeMb = Number(rows[0].size) / 1e6;
    await client.end();
  }
  return { queries, sizeMb };
}

async function child(db: "sqlite" | "postgresql"): Promise<void> {
  const url = process.env.DATABASE_URL as string;
  const { migrateDatabase } = await import("../lib/db/migrate");
  await migrateDatabase(url);
  const options = { events, users, days, today: todayUtc };
  const seeded = await seed(url, options);
  process.stderr.write(
    `  seeded in ${seeded.seconds.toFixed(0)} s (${seeded.rollups.toLocaleString("en-US")} rollup rows)\n`,
  );
  const report: ChildReport = {
    db,
    events,
    users,
    rollups: seeded.rollups,
    seedSeconds: seeded.seconds,
    ...(await measure(db, url)),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

function runChild(db: "sqlite" | "postgresql", url: string): ChildReport {
  process.stderr.write(`${db}: ${events.toLocaleString("en-US")} ledger rows, ${users} users, ${days} days\n`);
  const result = spawnSync(process.execPath, ["--import", "tsx", "bench/usage-dashboard.ts", ...args, "--child", db], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 10 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${db} run failed (exit ${result.status})`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as ChildReport;
}

function printReports(reports: ChildReport[]): void {
  const head = reports.map((r) => `${r.db === "sqlite" ? "SQLite" : "PostgreSQL"} p50 (max)`);
  console.log(`\n| query | ${head.join(" | ")} |\n|---|${head.map(() => "---:").join("|")}|`);
  for (const [i, q] of (reports[0]?.queries ?? []).entries()) {
    const cells = reports.map((r) => `${r.queries[i]?.p50.toFixed(1)} ms (${r.queries[i]?.max.toFixed(1)})`);
    console.log(`| ${q.name} | ${cells.join(" | ")} |`);
  }
  for (const r of reports) {
    console.log(
      `\n${r.db}: ${r.events.toLocaleString("en-US")} ledger rows, ${r.users.toLocaleString("en-US")} users, ${r.rollups === undefined ? "" : `${r.rollups.toLocaleString("en-US")} rollup rows, seeded in ${r.seedSeconds?.toFixed(0)} s, `}${r.sizeMb.toFixed(0)} MB`,
    );
  }
}

async function main(): Promise<void> {
  const childDb = flag("child");
  if (childDb === "sqlite" || childDb === "postgresql") return child(childDb);
  const seedOnly = flag("seed-only");
  if (seedOnly) {
    const { migrateDatabase } = await import("../lib/db/migrate");
    await migrateDatabase(seedOnly);
    const seeded = await seed(seedOnly, { events, users, days, today: todayUtc });
    console.log(`seeded ${events} ledger rows and ${seeded.rollups} rollups into ${seedOnly}`);
    process.exit(0);
  }
  const timeOnly = flag("time-only");
  if (timeOnly) {
    process.env.DATABASE_URL = timeOnly;
    const db = timeOnly.startsWith("file:") ? "sqlite" : "postgresql";
    printReports([{ db, events, users, ...(await measure(db, timeOnly)) }]);
    process.exit(0);
  }
  const which = flag("db") ?? "both";
  const reports: ChildReport[] = [];
  if (which === "sqlite" || which === "both") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spj-usage-bench-"));
    try {
      reports.push(runChild("sqlite", `file:${path.join(dir, "bench.db")}`));
      printReports(reports.slice(-1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (which === "postgresql" || which === "both") {
    const name = `spj_usage_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      reports.push(runChild("postgresql", url.toString()));
      printReports(reports.slice(-1));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  printReports(reports);
  process.exit(0);
}

await main();
