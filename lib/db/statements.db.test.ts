import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { databaseUrl, db, isPostgresUrl } from "./client";
import { changes, epochMs, execute, rows, sql, transact, write, writeEach } from "./statements";

const counterOf = (workspaceId: string, period: string) =>
  db().quotaCounter.findUnique({ where: { workspaceId_userId_period: { workspaceId, userId: "", period } } });

const newCounter = (workspaceId: string, period: string) =>
  sql`INSERT INTO "QuotaCounter" ("id", "workspaceId", "userId", "period", "used", "reserved")
    VALUES (${randomUUID()}, ${workspaceId}, '', ${period}, 5, 0)`;

function* addCounter(workspaceId: string, period: string) {
  return yield* changes(newCounter(workspaceId, period));
}

describeDb("statements on the driver (lib/db/statements.ts)", () => {
  it("run a unit of work all or nothing", async () => {
    const { workspaceId } = await createTestActor();
    expect(await transact(() => addCounter(workspaceId, "2026-01"))).toBe(1);
    expect(await counterOf(workspaceId, "2026-01")).toMatchObject({ used: 5, reserved: 0 });

    const failing = transact(function* () {
      yield* addCounter(workspaceId, "2026-02");
      yield* addCounter(workspaceId, "2026-02"); // the same key again: a unique violation
    });
    await expect(failing).rejects.toThrow(/unique/i);
    expect(await counterOf(workspaceId, "2026-02")).toBeNull();
  });

  it("run units that arrive together each all or nothing: one that fails leaves the others written", async () => {
    const { workspaceId } = await createTestActor();
    const results = await Promise.allSettled([
      transact(() => addCounter(workspaceId, "2026-04")),
      transact(function* () {
        yield* addCounter(workspaceId, "2026-05");
        yield* addCounter(workspaceId, "2026-04"); // taken by the unit before: a unique violation
      }),
      transact(() => addCounter(workspaceId, "2026-06")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await counterOf(workspaceId, "2026-04")).toMatchObject({ used: 5 });
    expect(await counterOf(workspaceId, "2026-05")).toBeNull();
    expect(await counterOf(workspaceId, "2026-06")).toMatchObject({ used: 5 });
  });

  it("run writes whose results the work does not read all or nothing too, in a transaction or not", async () => {
    const { workspaceId } = await createTestActor();
    // On PostgreSQL these wait for the COMMIT (or the end of the work) and fail there.
    for (const run of [transact, writeEach]) {
      const failing = run(function* () {
        yield* write(newCounter(workspaceId, "2026-07"));
        yield* write(newCounter(workspaceId, "2026-07")); // a unique violation
      });
      await expect(failing).rejects.toThrow(/unique/i);
      expect(await counterOf(workspaceId, "2026-07")).toBeNull();
    }
  });

  it("keep every value as given, in writes that travel with the next statement", async () => {
    const actor = await createTestActor();
    const title = `O'Brien said "?" \\ $1; DROP TABLE "Message"; --\n… ✓ 🐦`;
    const id = randomUUID();
    const changed = await transact(function* () {
      yield* write(sql`INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "model", "temperature", "maxTokens", "updatedAt")
        VALUES (${id}, ${actor.workspaceId}, ${actor.userId}, ${title}, 'm', ${0.1 + 0.2}, ${null}, ${new Date()})`);
      yield* write(newCounter(actor.workspaceId, "2026-08"));
      // Read by the work: sent with the writes before it, on PostgreSQL in one round trip.
      return yield* changes(sql`UPDATE "QuotaCounter" SET "reserved" = "reserved" -${-3}
        WHERE "workspaceId" = ${actor.workspaceId} AND "period" = ${"2026-08"}`);
    });
    expect(changed).toBe(1);
    const row = await db().conversation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title, temperature: 0.1 + 0.2, maxTokens: null });
    expect(await counterOf(actor.workspaceId, "2026-08")).toMatchObject({ used: 5, reserved: 3 });
  });

  it("write dates as Prisma does, so that Prisma reads them back and both read the same instant", async () => {
    const actor = await createTestActor();
    const at = new Date("2026-03-04T05:06:07.089Z");
    const id = randomUUID();
    await transact(function* () {
      yield* changes(sql`INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "model", "createdAt", "updatedAt")
        VALUES (${id}, ${actor.workspaceId}, ${actor.userId}, 'Dated', 'm', ${at}, ${at})`);
    });
    const row = await db().conversation.findUniqueOrThrow({ where: { id }, select: { createdAt: true } });
    expect(row.createdAt.toISOString()).toBe(at.toISOString());
    // Prisma's own write of the same instant reads back identically through the driver.
    await db().conversation.update({ where: { id }, data: { updatedAt: at } });
    const [read] = await execute(() =>
      rows<{ createdAt: unknown; updatedAt: unknown }>(
        sql`SELECT "createdAt", "updatedAt" FROM "Conversation" WHERE "id" = ${id}`,
      ),
    );
    expect(epochMs(read?.createdAt)).toBe(at.getTime());
    expect(read?.updatedAt).toEqual(read?.createdAt);
  });

  it.skipIf(isPostgresUrl(databaseUrl()))(
    "on SQLite, wait for a writer that holds the lock across awaits without stalling this thread",
    async () => {
      const { workspaceId } = await createTestActor();
      // Another connection (another process's Prisma transaction, say) holds the write lock for 300 ms.
      const other = new Database(databaseUrl().replace(/^file:/, ""));
      other.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      setTimeout(() => other.exec("COMMIT"), 300);
      let longestStall = 0;
      let last = Date.now();
      const ticker = setInterval(() => {
        longestStall = Math.max(longestStall, Date.now() - last);
        last = Date.now();
      }, 5);
      try {
        expect(await transact(() => addCounter(workspaceId, "2026-03"))).toBe(1);
      } finally {
        clearInterval(ticker);
        other.close();
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      // The thread kept running other work meanwhile: no wait near the lock's 300 ms.
      expect(longestStall).toBeLessThan(100);
      expect(await counterOf(workspaceId, "2026-03")).toMatchObject({ used: 5 });
    },
  );
});
