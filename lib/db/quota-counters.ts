import { randomUUID } from "node:crypto";
import { db } from "./client";
import { changes, type Work, write, writeEach } from "./statements";

/**
 * Monthly token counters (see QuotaCounter in the schema). Each change is one conditional
 * UPDATE, which both SQLite and PostgreSQL apply atomically, so concurrent requests cannot
 * reserve past a limit. `userId` "" is the workspace-wide counter. On every request: statements
 * on the driver (lib/db/statements.ts).
 */
export interface CounterKey {
  workspaceId: string;
  userId: string;
  period: string;
}

const known = new Set<string>();

/** Reserves `amount` tokens if used + reserved + amount stays within `limit`; false otherwise. */
export async function tryReserve(key: CounterKey, amount: number, limit: number): Promise<boolean> {
  const id = `${key.workspaceId}|${key.userId}|${key.period}`;
  const isNew = !known.has(id);
  const changed = await writeEach(function* () {
    if (isNew) {
      yield* write({
        text: `INSERT INTO "QuotaCounter" ("id", "workspaceId", "userId", "period", "used", "reserved")
          VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT ("workspaceId", "userId", "period") DO NOTHING`,
        values: [randomUUID(), key.workspaceId, key.userId, key.period],
      });
    }
    return yield* changes({
      text: `UPDATE "QuotaCounter" SET "reserved" = "reserved" + ?
        WHERE "workspaceId" = ? AND "userId" = ? AND "period" = ? AND "used" + "reserved" + ? <= ?`,
      values: [amount, key.workspaceId, key.userId, key.period, amount, limit],
    });
  });
  known.add(id);
  return changed === 1;
}

/** Turns a reservation into actual use (0 to just release it), in the caller's unit of work. */
export function* settle(key: CounterKey, reserved: number, used: number): Work<void> {
  yield* write({
    text: `UPDATE "QuotaCounter" SET "reserved" = "reserved" - ?, "used" = "used" + ?
      WHERE "workspaceId" = ? AND "userId" = ? AND "period" = ?`,
    values: [reserved, used, key.workspaceId, key.userId, key.period],
  });
}

export async function readCounter(key: CounterKey): Promise<{ used: number; reserved: number }> {
  const row = await db().quotaCounter.findUnique({
    where: { workspaceId_userId_period: key },
    select: { used: true, reserved: true },
  });
  return row ?? { used: 0, reserved: 0 };
}
