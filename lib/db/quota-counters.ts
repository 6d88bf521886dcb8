import { randomUUID } from "node:crypto";
import { type Db, db } from "./client";

/**
 * Monthly token counters (see QuotaCounter in the schema). Each change is one conditional
 * UPDATE, which both SQLite and PostgreSQL apply atomically, so concurrent requests cannot
 * reserve past a limit. `userId` "" is the workspace-wide counter.
 */
type Executor = Pick<Db, "$executeRaw">;

export interface CounterKey {
  workspaceId: string;
  userId: string;
  period: string;
}

const known = new Set<string>();

async function ensureCounter(key: CounterKey): Promise<void> {
  const id = `${key.workspaceId}|${key.userId}|${key.period}`;
  if (known.has(id)) return;
  await db().$executeRaw`INSERT INTO "QuotaCounter" ("id", "workspaceId", "userId", "period", "used", "reserved")
    VALUES (${randomUUID()}, ${key.workspaceId}, ${key.userId}, ${key.period}, 0, 0)
    ON CONFLICT ("workspaceId", "userId", "period") DO NOTHING`;
  known.add(id);
}

/** Reserves `amount` tokens if used + reserved + amount stays within `limit`; false otherwise. */
export async function tryReserve(key: CounterKey, amount: number, limit: number): Promise<boolean> {
  await ensureCounter(key);
  const changed = await db().$executeRaw`UPDATE "QuotaCounter" SET "reserved" = "reserved" + ${amount}
    WHERE "workspaceId" = ${key.workspaceId} AND "userId" = ${key.userId} AND "period" = ${key.period}
      AND "used" + "reserved" + ${amount} <= ${limit}`;
  return changed === 1;
}

/** Turns a reservation into actual use (0 to just release it). Runs inside the caller's transaction. */
export async function settle(tx: Executor, key: CounterKey, reserved: number, used: number): Promise<void> {
  await tx.$executeRaw`UPDATE "QuotaCounter" SET "reserved" = "reserved" - ${reserved}, "used" = "used" + ${used}
    WHERE "workspaceId" = ${key.workspaceId} AND "userId" = ${key.userId} AND "period" = ${key.period}`;
}

export async function readCounter(key: CounterKey): Promise<{ used: number; reserved: number }> {
  const row = await db().quotaCounter.findUnique({
    where: { workspaceId_userId_period: key },
    select: { used: true, reserved: true },
  });
  return row ?? { used: 0, reserved: 0 };
}
