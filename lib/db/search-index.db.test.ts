import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { textParts } from "@/lib/chat/part-text";
import { searchConversations } from "@/lib/conversations/search";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { scratchDatabase } from "@/lib/testing/scratch-database";
import { startTestTurn } from "@/lib/testing/turns";
import { createDb, databaseUrl, db, isPostgresUrl } from "./client";
import { GENERATING } from "./enums";
import { checkpoint } from "./generations";
import { migrateDatabase } from "./migrate";

const onSqlite = !isPostgresUrl(databaseUrl());
const found = async (actor: Actor, query: string) =>
  (await searchConversations(actor, query)).messages.map((hit) => hit.messageId);

/** A question with its answer's row, being generated. */
async function generating(actor: Actor, question: string): Promise<{ questionId: string; answerId: string }> {
  const { messageIds, answerId } = await startTestTurn(actor, { question, title: "Birds" });
  return { questionId: messageIds[0] as string, answerId };
}

type Raw = { $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> };

/** Whether SQLite's full-text index holds the message (search filters what it finds; this is the index). */
async function indexed(client: Raw, messageId: string): Promise<boolean> {
  const rows = await client.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "MessageSearch_docsize" WHERE "id" = (SELECT rowid FROM "Message" WHERE "id" = ?)`,
    messageId,
  );
  return rows.length > 0;
}

/** FTS5's own check of the index: a 'delete' that did not match what was indexed corrupts it. */
const checkIndex = (client: Raw) =>
  client.$queryRawUnsafe(`INSERT INTO "MessageSearch" ("MessageSearch", rank) VALUES ('integrity-check', 0)`);

describeDb("the search index and answers being generated", () => {
  it("finds an answer once it is saved, never its text so far, and forgets a discarded one", async () => {
    const actor = await createTestActor();
    const { questionId, answerId } = await generating(actor, "Which bird lives on the tundra?");
    expect(await checkpoint(answerId, textParts("The ptarmigan turns white"))).toBe(true);
    expect(await checkpoint(answerId, textParts("The ptarmigan turns white in winter"))).toBe(true);
    expect(await found(actor, "ptarmigan")).toEqual([]);
    expect(await found(actor, "tundra")).toEqual([questionId]);
    if (onSqlite) expect(await indexed(db(), answerId)).toBe(false);

    // Saved with the text of its last checkpoint: only the status changes.
    await db().message.update({ where: { id: answerId }, data: { status: "STOPPED" } });
    expect(await found(actor, "ptarmigan")).toEqual([answerId]);
    if (onSqlite) expect(await indexed(db(), answerId)).toBe(true);

    // A regenerated answer's row is deleted while it is generated (a new turn discards it).
    const discarded = await generating(actor, "And on the steppe?");
    await checkpoint(discarded.answerId, textParts("The saker falcon hunts there"));
    await db().message.delete({ where: { id: discarded.answerId } });
    expect(await found(actor, "saker")).toEqual([]);
    if (onSqlite) await checkIndex(db());
  });

  it.skipIf(!onSqlite)("0016 takes the answers being generated out of SQLite's index, and keeps the rest", async () => {
    const scratch = await scratchDatabase();
    try {
      await migrateDatabase(scratch.url, { through: "0015_generation_owner" });
      const old = createDb(scratch.url);
      const now = new Date();
      await old.$executeRaw`INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'u1@example.test', 'U', ${now})`;
      await old.$executeRaw`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES ('w1', 'W', ${now})`;
      await old.$executeRaw`INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "model", "updatedAt") VALUES ('c1', 'w1', 'u1', 'Old', 'm', ${now})`;
      await old.$executeRaw`INSERT INTO "Message" ("id", "conversationId", "role", "content") VALUES ('m1', 'c1', 'user', 'Where does the kestrel hover?')`;
      await old.$executeRaw`INSERT INTO "Message" ("id", "conversationId", "role", "content", "status") VALUES ('m2', 'c1', 'assistant', '', ${GENERATING})`;
      // Under 0004's triggers a checkpoint re-indexed the text so far.
      await old.$executeRaw`UPDATE "Message" SET "content" = 'Over open fields, facing the wind' WHERE "id" = 'm2'`;
      expect(await indexed(old, "m2")).toBe(true);
      await old.$disconnect();

      expect(await migrateDatabase(scratch.url)).toContain("0016_search_saved_messages");
      const migrated = createDb(scratch.url);
      try {
        await checkIndex(migrated);
        expect(await indexed(migrated, "m1")).toBe(true);
        expect(await indexed(migrated, "m2")).toBe(false);
        await migrated.$executeRaw`UPDATE "Message" SET "status" = 'COMPLETE' WHERE "id" = 'm2'`;
        const matches = await migrated.$queryRaw<{ id: string }[]>`
          SELECT m."id" FROM "MessageSearch" JOIN "Message" m ON m.rowid = "MessageSearch".rowid
          WHERE "MessageSearch" MATCH 'wind'`;
        expect(matches.map((row) => row.id)).toEqual(["m2"]);
        await migrated.$executeRaw`DELETE FROM "Message" WHERE "id" IN ('m1', 'm2')`;
        await checkIndex(migrated);
      } finally {
        await migrated.$disconnect();
      }
    } finally {
      await scratch.drop();
    }
  });
});
