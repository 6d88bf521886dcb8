/**
 * µs per API-key lookup (the key, its creator, their membership and plan), before and after
 * lib/db/key-actors.ts: `npx tsx bench/key-lookup.ts [--db sqlite|postgresql] [--n 3000]`.
 *
 * A fresh database (a temporary SQLite file, or a database created on --pg-url and dropped after),
 * one user with a key, then, interleaved in rounds so both see the same machine: the two Prisma
 * queries the API made before (findUnique of the key with its user, then of the membership with
 * its workspace), the one prepared statement on the driver, and the cached path. Prints wall µs
 * and CPU µs (process.cpuUsage) per lookup, median of the rounds.
 */
import os from "node:os";
import { scratchDatabase } from "./scratch-db";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const which = arg("--db", "sqlite");
const n = Number(arg("--n", "3000"));
const pgUrl = arg("--pg-url", "postgresql://postgres@127.0.0.1:5432/postgres");

const cleanup = await scratchDatabase(which, pgUrl, "key-lookup");
const { db } = await import("../lib/db/client");
const { findKeyActor } = await import("../lib/db/key-actors");
const { findKeyActorCached } = await import("../lib/db/key-actor-cache");
const { createUser } = await import("../lib/admin/users");
const { createApiKey, hashApiKey } = await import("../lib/auth/api-keys");

const { user, workspaceId } = await createUser({ email: "k@bench.invalid", name: "K", password: "x".repeat(16) });
const { key } = await createApiKey({ workspaceId, userId: user.id, name: "k", expiresAt: null });
const hash = hashApiKey(key);

/** What lib/auth/api-keys.ts did before: two Prisma queries. */
async function throughPrisma() {
  const record = await db().apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      workspaceId: true,
      userId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { disabledAt: true } },
    },
  });
  if (!record) throw new Error("no key");
  return db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId: record.workspaceId, userId: record.userId } },
    select: { role: true, tokenQuota: true, workspace: { select: { plan: true, tokenQuota: true } } },
  });
}

const ways: Record<string, () => Promise<unknown>> = {
  "Prisma, 2 queries (before)": throughPrisma,
  "prepared statement, 1 query": () => findKeyActor(hash),
  "cached (≤ 1 s)": () => findKeyActorCached(hash),
};
const rounds = 7;
const per = Math.ceil(n / rounds);
const results: Record<string, { wall: number[]; cpu: number[] }> = {};
for (const name of Object.keys(ways)) results[name] = { wall: [], cpu: [] };
for (const fn of Object.values(ways)) for (let i = 0; i < 200; i++) await fn();
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(ways)) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < per; i++) await fn();
    const wall = ((performance.now() - started) * 1000) / per;
    const used = process.cpuUsage(cpu);
    results[name]?.wall.push(wall);
    results[name]?.cpu.push((used.user + used.system) / per);
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
console.log(`key lookup, ${which}, ${per} × ${rounds} rounds, load ${os.loadavg()[0]?.toFixed(2)}`);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(30)} ${median(r.wall).toFixed(1).padStart(7)} µs wall  ${median(r.cpu).toFixed(1).padStart(7)} µs CPU`,
  );
}
await db().$disconnect();
await cleanup();
process.exit(0);
