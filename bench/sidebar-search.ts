/**
 * Server time of the sidebar's first page and of search for a user with 10,000 conversations
 * and 1,000,000 messages, on SQLite and PostgreSQL. `npx tsx bench/sidebar-search.ts [--help]`;
 * results in BENCHMARKS.md.
 *
 * Per database: a fresh database (a temporary SQLite file; a PostgreSQL database created on
 * --pg-url and dropped afterwards), the app's migrations, bulk-seeded data (see
 * sidebar-search-seed.ts), then each measured call is warmed up and timed --samples times
 * in-process, through the lib/ functions the route handlers call: the database queries and the
 * shaping of the response, without HTTP. Each database runs in a child process
 * (sidebar-search-worker.ts), because the app's client is one per process.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import type { WorkerResult } from "./sidebar-search-worker";

const HELP = `Usage: npx tsx bench/sidebar-search.ts [options]

  --db sqlite|postgresql|both   databases to measure (default both)
  --conversations N             conversations of the seeded user (default 10000)
  --messages N                  messages per conversation (default 100)
  --pinned N                    pinned conversations (default 5)
  --samples N                   timed calls per measurement, after 20 warm-up calls (default 200)
  --pg-url URL                  PostgreSQL server to create the database on
                                (default postgresql://postgres@127.0.0.1:5432/postgres)
  --wait-quiet MINUTES          after seeding, wait up to this long for a quiet machine (load < 1.5,
                                no tests, builds or other benchmarks), then measure anyway; the report
                                says whether it was quiet (default 0: measure at once)
  --json FILE                   also write the results as JSON
`;

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    conversations: { type: "string", default: "10000" },
    messages: { type: "string", default: "100" },
    pinned: { type: "string", default: "5" },
    samples: { type: "string", default: "200" },
    "pg-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
    "wait-quiet": { type: "string", default: "0" },
    json: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const count = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer`);
  return n;
};
const options = {
  conversations: count("conversations", values.conversations),
  messagesPerConversation: count("messages", values.messages),
  pinned: Number(values.pinned),
  samples: count("samples", values.samples),
  waitQuietMinutes: Number(values["wait-quiet"]),
};
const databases = values.db === "both" ? ["sqlite", "postgresql"] : [values.db];
if (!databases.every((d) => d === "sqlite" || d === "postgresql")) throw new Error("--db: sqlite, postgresql or both");

const worker = fileURLToPath(new URL("./sidebar-search-worker.ts", import.meta.url));

function runWorker(databaseUrl: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        BENCH_OPTIONS: JSON.stringify(options),
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
    });
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as WorkerResult);
      else reject(new Error(`worker for ${databaseUrl.split(":")[0]} exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

async function withDatabase<T>(kind: string, run: (url: string) => Promise<T>): Promise<T> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "spj-sidebar-bench-"));
    try {
      return await run(`file:${path.join(dir, "bench.db")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `spj_sidebar_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: values["pg-url"] });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(values["pg-url"]);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const environment = {
  date: new Date().toISOString(),
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
  node: process.version,
  load: os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" "),
};
const total = options.conversations * options.messagesPerConversation;
console.log(
  `Seeding ${options.conversations.toLocaleString("en")} conversations / ${total.toLocaleString("en")} messages per database (load ${environment.load})`,
);
const results: Record<string, WorkerResult> = {};
for (const kind of databases) {
  results[kind] = await withDatabase(kind, runWorker);
  const r = results[kind];
  const size = r.databaseBytes ? `${Math.round(r.databaseBytes / 1024 / 1024)} MB` : "?";
  const quiet = `, measured at load ${r.machine.load.toFixed(2)} (${r.machine.quiet ? "quiet" : "NOT quiet"})`;
  console.log(`\n${kind}: seeded in ${r.seedSeconds} s, database ${size}${quiet}`);
  console.log(
    `${"measurement".padEnd(44)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"mean".padStart(8)}  returned`,
  );
  for (const t of r.timings) {
    console.log(
      `${t.name.padEnd(44)} ${String(t.p50).padStart(8)} ${String(t.p99).padStart(8)} ${String(t.mean).padStart(8)}  ${t.results}`,
    );
  }
}
if (values.json) writeFileSync(values.json, `${JSON.stringify({ environment, options, results }, null, 2)}\n`);
process.exit(0);
