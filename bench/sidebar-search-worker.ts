/**
 * One database's run of bench/sidebar-search.ts, in its own process (the app's db() client is
 * one per process, for DATABASE_URL): migrate, seed, then time the server's work for the
 * sidebar's pages and for search, through the same lib/ functions the route handlers call.
 * Prints one JSON line.
 */
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Actor } from "../lib/auth/actor";
import { searchConversations } from "../lib/conversations/search";
import { sidebarPage } from "../lib/conversations/sidebar";
import { db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { createUserWithWorkspace, findActiveUser } from "../lib/db/users";
import { waitUntilQuiet } from "./quiet";
import { PLANTED, type SeedOptions, seedPostgres, seedSqlite } from "./sidebar-search-seed";

export interface Timing {
  name: string;
  /** What the call returned, to show it did the work (items, or message hits + chat hits). */
  results: string;
  p50: number;
  p99: number;
  mean: number;
  samples: number;
}

export interface WorkerResult {
  seedSeconds: number;
  /** The 1-minute load average when measuring began, and whether the machine was quiet then. */
  machine: { load: number; quiet: boolean };
  databaseBytes: number | null;
  timings: Timing[];
}

const url = process.env.DATABASE_URL ?? "";
const options: SeedOptions & { samples: number; waitQuietMinutes: number } = JSON.parse(
  process.env.BENCH_OPTIONS ?? "{}",
);

const QUERIES: [string, string][] = [
  ["search: rare word (12 hits)", PLANTED.rare],
  ["search: medium word (~1% of messages)", PLANTED.medium],
  ["search: common word (~30% of messages)", PLANTED.common],
  ["search: two words", `${PLANTED.common} ${PLANTED.medium}`],
  ["search: prefix while typing", PLANTED.medium.slice(0, 5)],
  ["search: no match", "qqqxyzzy"],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function time(name: string, samples: number, run: () => Promise<string>): Promise<Timing> {
  for (let i = 0; i < Math.min(20, samples); i++) await run(); // warm caches and the planner
  const ms: number[] = [];
  let results = "";
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    results = await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name,
    results,
    p50: round(percentile(ms, 50)),
    p99: round(percentile(ms, 99)),
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    samples,
  };
}

await migrateDatabase(url);
const user = await createUserWithWorkspace({ email: "bench@bench.invalid", name: "Bench", passwordHash: null });
const active = await findActiveUser(user.id);
if (!active) throw new Error("the bench user has no workspace");
const actor: Actor = { userId: user.id, workspaceId: active.workspaceId, via: "session" };
const owner = { ownerId: actor.userId, workspaceId: actor.workspaceId };

const seedStart = performance.now();
if (url.startsWith("file:")) seedSqlite(url.slice("file:".length), owner, options);
else await seedPostgres(url, owner, options);
const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;

// Seeding can run on a busy machine; measuring waits for a quiet one (--wait-quiet).
const machine = await waitUntilQuiet("sidebar-search", options.waitQuietMinutes);

const first = await sidebarPage(actor, null);
const timings: Timing[] = [
  await time("sidebar: first page (pinned + 50 newest)", options.samples, async () => {
    const page = await sidebarPage(actor, null);
    return `${page.items.length} items`;
  }),
];
// A page deep in the history: the cursor of the ~100th page.
let cursor = first.nextCursor;
for (let i = 0; i < 100 && cursor; i++) cursor = (await sidebarPage(actor, cursor)).nextCursor;
timings.push(
  await time("sidebar: page 100 (cursor)", options.samples, async () => {
    const page = await sidebarPage(actor, cursor);
    return `${page.items.length} items`;
  }),
);
for (const [name, query] of QUERIES) {
  timings.push(
    await time(name, options.samples, async () => {
      const found = await searchConversations(actor, query);
      return `${found.messages.length} + ${found.chats.length} chats`;
    }),
  );
}
const file = url.startsWith("file:") ? url.slice("file:".length) : null;
const rows = url.startsWith("file:")
  ? null
  : await db().$queryRaw<{ size: bigint }[]>`SELECT pg_database_size(current_database()) AS size`;
const databaseBytes = file ? statSync(file).size : Number(rows?.[0]?.size ?? 0);
const result: WorkerResult = { seedSeconds, machine, databaseBytes, timings };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
