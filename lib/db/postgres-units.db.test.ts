import pg from "pg";
import { afterEach, expect, it, vi } from "vitest";
import { textParts } from "@/lib/chat/part-text";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { startTestTurn, testTurnEnd } from "@/lib/testing/turns";
import { databaseUrl, isPostgresUrl } from "./client";
import { listMessages } from "./conversations";
import { saveTurnEnd } from "./turns";

afterEach(() => {
  vi.restoreAllMocks();
});

/** The queries the work sends to PostgreSQL: each one round trip. */
async function roundTrips<T>(work: () => Promise<T>): Promise<{ value: T; queries: string[] }> {
  const query = vi.spyOn(pg.Client.prototype, "query");
  const value = await work();
  const queries = query.mock.calls.map(([config]: unknown[]) =>
    typeof config === "string" ? config : String((config as { text: string }).text),
  );
  query.mockRestore();
  return { value, queries };
}

describeDb("round trips of a turn on PostgreSQL", () => {
  it.skipIf(!isPostgresUrl(databaseUrl()))(
    "writes a turn's rows in one round trip and its end in two, and saves all of it",
    async () => {
      const actor = await createTestActor();
      const start = await roundTrips(() => startTestTurn(actor, { question: "How many round trips?", title: "Trips" }));
      // BEGIN, the conversation, both messages, the generation's row and COMMIT: one query.
      expect(start.queries).toHaveLength(1);
      expect(start.queries[0]).toMatch(/^BEGIN;[\s\S]*INSERT INTO "Generation"[\s\S]*;\nCOMMIT$/);

      const end = await roundTrips(() => saveTurnEnd(testTurnEnd(actor, start.value, { parts: textParts("Two.") })));
      // The claim (its result decides the rest), then the ledger row, rollups and conversation with COMMIT.
      expect(end.value).toEqual({ saved: true });
      expect(end.queries).toHaveLength(2);
      expect(end.queries[1]).toMatch(/INSERT INTO "UsageEvent"[\s\S]*;\nCOMMIT$/);
      const messages = await listMessages(start.value.conversationId);
      expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
        ["user", "How many round trips?", "COMPLETE"],
        ["assistant", "Two.", "COMPLETE"],
      ]);
    },
  );
});
