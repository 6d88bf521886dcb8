/**
 * What a request writes to SQLite, page by page: `npx tsx bench/sqlite-pages.ts [--turns 200]`.
 *
 * A fresh database, a few users, then `--turns` API turns as the pipeline writes them (the quota
 * reservation, the turn's rows, its closing writes with the ledger row, rollups and settlement),
 * each its own commit as at one stream, through lib/db's units on the driver. Checkpoints are off
 * meanwhile, so the WAL keeps every frame: each is one 4 KiB page a commit wrote (two `pwrite`
 * calls), and `dbstat` names the b-tree (table or index) each page belongs to. Prints frames per
 * turn and per b-tree: the cost that group commit shares between requests, and that a request
 * pays alone at one stream (BENCHMARKS.md, "Where each target stands").
 */
import { readFileSync } from "node:fs";
import { scratchDatabase } from "./scratch-db";

const args = process.argv.slice(2);
const turnsArg = args.indexOf("--turns");
const turns = Number(turnsArg >= 0 ? args[turnsArg + 1] : 200);

const cleanup = await scratchDatabase("sqlite", "", "sqlite-pages");
const { driver } = await import("../lib/db/client");
const { createUser } = await import("../lib/admin/users");
const { saveTurnEnd } = await import("../lib/db/turns");
const { tryReserve } = await import("../lib/db/quota-counters");
const { currentPeriod } = await import("../lib/usage/quota");
const { startTestTurn, testTurnEnd } = await import("../lib/testing/turns");

const users = await Promise.all(
  Array.from({ length: 8 }, (_, i) =>
    createUser({ email: `p${i}@bench.invalid`, name: `P${i}`, password: "x".repeat(16) }),
  ),
);
const d = driver();
if (d.kind !== "sqlite") throw new Error("SQLite only");
const sqlite = d.sqlite;
// Every frame from here on stays in the WAL (and Prisma writes nothing more).
sqlite.pragma("wal_checkpoint(TRUNCATE)");
sqlite.pragma("wal_autocheckpoint = 0");

for (let i = 0; i < turns; i++) {
  const { user, workspaceId } = users[i % users.length] as (typeof users)[number];
  const actor = { userId: user.id, workspaceId, via: "api_key" as const };
  const key = { workspaceId, userId: "", period: currentPeriod() };
  if (!(await tryReserve(key, 1_000, 1_000_000_000))) throw new Error("reservation refused");
  const reservation = { keys: [key], amount: 1_000 };
  const turn = await startTestTurn(actor, { question: `Question ${i} about the weather in Lisbon?`, reservation });
  const answer = "Mild and sunny, with a breeze from the Atlantic in the afternoon. ".repeat(8);
  await saveTurnEnd(testTurnEnd(actor, turn, { parts: [{ type: "text", text: answer }], reservation }));
}

// WAL: a 32-byte header, then frames of a 24-byte header (the page number first) and the page.
const wal = readFileSync(`${sqlite.name}-wal`);
const pageSize = wal.readUInt32BE(8);
const framesOf = new Map<number, number>();
let frames = 0;
for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
  const page = wal.readUInt32BE(at);
  framesOf.set(page, (framesOf.get(page) ?? 0) + 1);
  frames++;
}
const owner = new Map(
  (sqlite.prepare("SELECT name, pageno FROM dbstat").all() as { name: string; pageno: number }[]).map((r) => [
    r.pageno,
    r.name,
  ]),
);
const byTree = new Map<string, number>();
for (const [page, n] of framesOf) {
  const name = owner.get(page) ?? "(freed or header)";
  byTree.set(name, (byTree.get(name) ?? 0) + n);
}
console.log(
  `${turns} turns: ${frames} frames of ${pageSize} bytes, ${(frames / turns).toFixed(1)} a turn (${byTree.size} b-trees)`,
);
for (const [name, n] of [...byTree].sort((a, b) => b[1] - a[1])) {
  console.log(
    `${(n / turns).toFixed(2).padStart(6)} a turn  ${((100 * n) / frames).toFixed(1).padStart(5)} %  ${name}`,
  );
}
await cleanup();
