import { type CounterKey, settle } from "./quota-counters";
import { type Statement, type Work, write } from "./statements";
import { RollupSums, sortedByKey } from "./usage";

/**
 * What closing writes do to the rows other turns share — the rollups (a model's totals, a user's
 * day), the quota counters, the conversation — gathered while a unit writes its own rows, and
 * written last: the rollups summed by row, then the counters, then the conversations, each kind
 * in one order (rows sorted, counters sorted, conversations as given).
 *
 * So every transaction takes shared rows in the same order. A batch of several runs' closing
 * writes (turn-end-batch.ts) on PostgreSQL otherwise waited for another crosswise — one holding a
 * user's day row and waiting for a model's total, the other the reverse — and one was killed as a
 * deadlock, its answer left unsaved (12 of 1,200 streams at 200, BENCHMARKS.md). A batch also
 * writes a row the runs share once instead of once per run.
 */
export class SharedRows {
  readonly rollups = new RollupSums();
  readonly #settlements = new Map<string, { key: CounterKey; reserved: number; used: number }>();
  readonly #conversations: Statement[] = [];

  /** Turns `reserved` tokens of the counter into `used` (0: releases them). */
  settle(key: CounterKey, reserved: number, used: number): void {
    const id = [key.workspaceId, key.userId, key.period].join("\u0000");
    const existing = this.#settlements.get(id);
    if (existing) {
      existing.reserved += reserved;
      existing.used += used;
    } else this.#settlements.set(id, { key, reserved, used });
  }

  /** A write to a conversation, after the rest. */
  touchConversation(statement: Statement): void {
    this.#conversations.push(statement);
  }

  *write(): Work<void> {
    yield* this.rollups.write();
    for (const { key, reserved, used } of sortedByKey(this.#settlements)) yield* settle(key, reserved, used);
    for (const statement of this.#conversations) yield* write(statement);
  }
}
