import { transact } from "./statements";
import { saveTurnEnd, type TurnEnd, writeTurnEnds } from "./turns";

/**
 * The closing writes of answers that end close together (answer, ledger row, rollups, quota
 * settlement), several runs' in one transaction, flushed every few milliseconds: one write lock
 * and one commit for the lot instead of one each. Each run's writes keep their own exactly-once
 * claim (writeTurnEnds); a batch that fails is written again one run at a time, so one bad run
 * never loses the others'. The graceful shutdown flushes what waits (lib/chat/runs/shutdown.ts).
 *
 * On by default on both databases (BENCHMARKS.md, "Closing writes batched" and session 9): on
 * SQLite a batch saves whole lock round trips; on PostgreSQL, since the rows runs share are taken
 * last and in one order (lib/db/shared-rows.ts), a batch holds them only for its final round trip
 * and writes each once. `TURN_END_BATCH_MS` sets the wait (0: every run writes alone).
 */
export function turnEndBatchMs(): number {
  const value = Number(process.env.TURN_END_BATCH_MS);
  return process.env.TURN_END_BATCH_MS && Number.isFinite(value) && value >= 0 ? value : 5;
}

/** A batch this large is written at once, without waiting for the rest of the interval. */
const MAX_BATCH = 64;

interface Pending {
  end: TurnEnd;
  resolve: (result: { saved: boolean }) => void;
  reject: (error: unknown) => void;
}

const holder = globalThis as { spjTurnEnds?: { pending: Pending[]; timer: NodeJS.Timeout | null } };
holder.spjTurnEnds ??= { pending: [], timer: null };
const queue = holder.spjTurnEnds;

/** saveTurnEnd, with the runs that end within the next few milliseconds. */
export function saveTurnEndSoon(end: TurnEnd): Promise<{ saved: boolean }> {
  const wait = turnEndBatchMs();
  if (wait === 0) return saveTurnEnd(end);
  return new Promise((resolve, reject) => {
    queue.pending.push({ end, resolve, reject });
    if (queue.pending.length >= MAX_BATCH) void flushTurnEnds();
    else queue.timer ??= setTimeout(flushTurnEnds, wait);
  });
}

/** Writes every waiting run's closing writes now. */
export async function flushTurnEnds(): Promise<void> {
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = null;
  const batch = queue.pending.splice(0);
  if (batch.length < 2) return alone(batch);
  // One order for every batch, so that two of them never take the same rows in opposite orders.
  batch.sort((a, b) => orderOf(a.end).localeCompare(orderOf(b.end)));
  let results: { saved: boolean }[];
  try {
    results = await transact(() => writeTurnEnds(batch.map((pending) => pending.end)));
  } catch {
    return alone(batch);
  }
  for (const [i, pending] of batch.entries()) pending.resolve(results[i] ?? { saved: false });
}

/**
 * Each run's writes in a transaction of their own, one after the other and in the batch's order:
 * side by side, two runs' transactions would take the shared rollup and quota rows in different
 * orders (a deadlock on PostgreSQL), and a run queued twice could be claimed by its later copy.
 */
async function alone(batch: Pending[]): Promise<void> {
  for (const p of batch) await saveTurnEnd(p.end).then(p.resolve, p.reject);
}

const orderOf = (end: TurnEnd) => `${end.model}\u0000${end.workspaceId}\u0000${end.userId}\u0000${end.messageId}`;
