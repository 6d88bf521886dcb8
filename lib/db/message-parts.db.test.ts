import { expect, it } from "vitest";
import type { MessagePart } from "@/lib/chat/parts";
import { searchConversations } from "@/lib/conversations/search";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { scratchDatabase } from "@/lib/testing/scratch-database";
import { startTestTurn, testTurnEnd } from "@/lib/testing/turns";
import { createDb } from "./client";
import { listMessages } from "./conversations";
import { partsOfRow } from "./message-parts";
import { migrateDatabase } from "./migrate";
import { saveTurnEnd } from "./turns";

const MIXED: MessagePart[] = [
  { type: "reasoning", text: "The user wants the weather; quixotically call the tool.", durationMs: 1200 },
  { type: "text", text: "Let me check. " },
  { type: "tool-call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
  { type: "tool-result", callId: "call_1", content: '{"temp":18}', isError: false },
  { type: "file", mediaType: "image/png", name: "chart.png", size: 1234, fileId: "file_abc" },
  { type: "text", text: "It is 18 °C in Paris, unseasonably zanzibarish." },
];

describeDb("message parts in the database", () => {
  it("reads back the parts written, with content derived from their text", async () => {
    const actor = await createTestActor();
    const turn = await startTestTurn(actor, { question: "Weather in Paris?", title: "Weather" });
    const { conversationId } = turn;
    await saveTurnEnd(testTurnEnd(actor, turn, { parts: MIXED }));
    const [question, answer] = await listMessages(conversationId);
    expect(question?.parts).toEqual([{ type: "text", text: "Weather in Paris?" }]);
    expect(answer?.parts).toEqual(MIXED);
    expect(answer?.content).toBe("Let me check. It is 18 °C in Paris, unseasonably zanzibarish.");
    // Search reads the derived text: the answer is found by a word of its text parts.
    const found = await searchConversations(actor, "zanzibarish");
    expect(found.messages.map((hit) => hit.conversationId)).toEqual([conversationId]);
    // Reasoning is not plain text, so not searched.
    expect((await searchConversations(actor, "quixotically")).messages).toEqual([]);
  });

  it("0007_message_parts turns the text of earlier messages into one text part", async () => {
    const scratch = await scratchDatabase();
    try {
      await migrateDatabase(scratch.url, { through: "0006_usage_totals" });
      const client = createDb(scratch.url);
      const now = new Date();
      await client.$executeRaw`INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'u1@example.test', 'U', ${now})`;
      await client.$executeRaw`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES ('w1', 'W', ${now})`;
      await client.$executeRaw`INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "model", "updatedAt") VALUES ('c1', 'w1', 'u1', 'Old', 'm', ${now})`;
      const texts = { m1: 'A "quoted" line\nand a ∑ unicode one', m2: "", m3: "Plain answer" };
      for (const [id, content] of Object.entries(texts)) {
        await client.$executeRaw`INSERT INTO "Message" ("id", "conversationId", "role", "content") VALUES (${id}, 'c1', 'user', ${content})`;
      }
      await client.$disconnect();

      expect(await migrateDatabase(scratch.url)).toContain("0007_message_parts");
      const migrated = createDb(scratch.url);
      const rows = await migrated.message.findMany({ select: { id: true, parts: true, content: true } });
      await migrated.$disconnect();
      const parts = Object.fromEntries(rows.map((row) => [row.id, JSON.parse(row.parts)]));
      expect(parts).toEqual({
        m1: [{ type: "text", text: texts.m1 }],
        m2: [],
        m3: [{ type: "text", text: texts.m3 }],
      });
      for (const row of rows) expect(partsOfRow(row)).toEqual(parts[row.id]);
    } finally {
      await scratch.drop();
    }
  });
});
