/**
 * The closing writes of answers that end together (answer, ledger row, rollups, quota
 * settlement), each run in its own transaction against several runs' in one (lib/db/turn-end-batch.ts):
 * `npx tsx bench/turn-end.ts [--db sqlite|postgresql] [--burst 50,200] [--rounds 5] [--batch-ms 5]`.
 *
 * A fresh database, 64 users with a workspace each; per round and burst size, that many turns
 * are started (not timed), then all their ends are handed over at once, as when that many streams
 * end together, alone and batched in turn (the order alternating each round). Prints, median of
 * the rounds: wall time until every end is saved, CPU per end (process.cpuUsage, this process;
 * on PostgreSQL the server's own work is not in it), and each end's p50 / p99 until saved.
 */
import os from "node:os";
import { scratchDatabase } from "./scratch-db";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const which = arg("--db", "sqlite");
const bursts = arg("--burst", "50,200").split(",").map(Number);
const rounds = Number(arg("--rounds", "5"));
const batchMs = arg("--batch-ms", "5");
const pgUrl = arg("--pg-url", "postgresql://postgres@127.0.0.1:5432/postgres");

const cleanup = await scratchDatabase(which, pgUrl, "turn-end");
const { db } = await import("../lib/db/client");
const { createUser } = await import("../lib/admin/users");
const { saveTurnStart } = await import("../lib/db/turns");
const { saveTurnEndSoon } = await import("../lib/db/turn-end-batch");
const { tryReserve } = await import("../lib/db/quota-counters");
const { currentPeriod } = await import("../lib/usage/quota");
type TurnEnd = import("../lib/db/turns").TurnEnd;

const users = await Promise.all(
  Array.from({ length: 64 }, (_, i) =>
    createUser({ email: `u${i}@bench.invalid`, name: `U${i}`, password: "x".repeat(16) }),
  ),
);

async function startTurn(i: number): Promise<TurnEnd> {
  const { user, workspaceId } = users[i % users.length] as (typeof users)[number];
  const key = { workspaceId, userId: "", period: currentPeriod() };
  await tryReserve(key, 1000, 2e9);
  const turn = await saveTurnStart({
    create: { workspaceId, ownerId: user.id, title: "t", model: "llama", systemPrompt: null },
    messages: [{ role: "user", parts: [{ type: "text", text: "Hello there" }] }],
    place: { parentId: null, discard: [], link: [] },
    answer: {
      model: "llama",
      userId: user.id,
      workspaceId,
      apiKeyId: null,
      prompt: [],
      reservation: { keys: [key], amount: 1000 },
    },
  });
  return {
    messageId: turn.answerId,
    conversationId: turn.conversationId,
    parentId: turn.answerParentId,
    userId: user.id,
    workspaceId,
    model: "llama",
    provider: "local",
    parts: [{ type: "text", text: "An answer of a few words, like the benchmark's." }],
    status: "COMPLETE",
    error: null,
    cause: null,
    failedAttempts: [],
    promptTokens: 12,
    completionTokens: 32,
    tokenSource: "REPORTED",
    inputPricePer1k: 0.0005,
    outputPricePer1k: 0.0015,
    cost: 0.000054,
    latencyMs: 180,
    ttftMs: 6,
    apiKeyId: null,
    reservation: { keys: [key], amount: 1000 },
  };
}

async function endAll(ends: TurnEnd[]) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const each = await Promise.all(ends.map((end) => saveTurnEndSoon(end).then(() => performance.now() - started)));
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  each.sort((a, b) => a - b);
  const at = (p: number) => each[Math.min(each.length - 1, Math.floor(p * each.length))] ?? Number.NaN;
  return { wall, cpu: (used.user + used.system) / 1000 / ends.length, p50: at(0.5), p99: at(0.99) };
}

const modes = { alone: "0", [`batched ${batchMs} ms`]: batchMs };
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
console.log(`closing writes, ${which}, ${rounds} rounds, load ${os.loadavg()[0]?.toFixed(2)}`);
for (const burst of bursts) {
  const results: Record<string, { wall: number[]; cpu: number[]; p50: number[]; p99: number[] }> = {};
  for (let r = 0; r < rounds + 1; r++) {
    const order = r % 2 ? Object.entries(modes).reverse() : Object.entries(modes);
    for (const [name, ms] of order) {
      const ends = await Promise.all(Array.from({ length: burst }, (_, i) => startTurn(i)));
      process.env.TURN_END_BATCH_MS = ms;
      const result = await endAll(ends);
      if (r === 0) continue; // warm-up
      results[name] ??= { wall: [], cpu: [], p50: [], p99: [] };
      for (const k of ["wall", "cpu", "p50", "p99"] as const) results[name][k].push(result[k]);
    }
  }
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `  ${String(burst).padStart(4)} ending together, ${name.padEnd(16)} all saved in ${median(r.wall).toFixed(1).padStart(7)} ms` +
        `  CPU ${median(r.cpu).toFixed(3)} ms/end  each p50 / p99 ${median(r.p50).toFixed(1)} / ${median(r.p99).toFixed(1)} ms`,
    );
  }
}
await db().$disconnect();
await cleanup();
process.exit(0);
