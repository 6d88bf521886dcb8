import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { readableConversation } from "@/lib/chat/conversations";
import { chatConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { seedConversation } from "@/lib/testing/conversations";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { exportConversation } from "../export";
import { importConversations } from ".";

const fixture = readFileSync(
  path.join(import.meta.dirname, "../../../e2e/fixtures/chatgpt-conversations.json"),
  "utf8",
);

describeDb("import", () => {
  it("round-trips an exported conversation, branches and all, into a new one", async () => {
    const actor = await createTestActor();
    const source = await seedConversation({
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      title: "Round trip",
      messages: [
        { role: "user", content: "First question" },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: "Look it up.", durationMs: 2000 },
            { type: "tool-call", id: "call_1", name: "search", arguments: '{"q":"first"}' },
            { type: "tool-result", callId: "call_1", content: "found" },
            { type: "text", text: "First answer" },
          ],
        },
      ],
    });
    // A regenerated answer: a second child of the question, shown.
    const regenerated = await db().message.create({
      data: {
        conversationId: source.id,
        parentId: source.messageIds[0],
        role: "assistant",
        content: "Better answer",
        status: "STOPPED",
        createdAt: new Date(Date.now() + 1_000),
      },
    });
    await db().message.update({ where: { id: source.messageIds[1] }, data: { parentId: source.messageIds[0] } });
    // A model this install offers, which an import keeps (others become the default model).
    await db().conversation.update({
      where: { id: source.id },
      data: { activeLeafId: regenerated.id, model: chatConfig().defaultModel },
    });

    const file = await exportConversation(actor, source.id, "json");
    expect(file.filename).toBe("round-trip.json");
    const report = await importConversations(actor, file.body);
    expect(report).toMatchObject({ format: "spj-chat", skipped: [] });
    expect(report.imported).toEqual([{ id: expect.any(String), title: "Round trip", messages: 3, notes: [] }]);

    const original = await readableConversation(actor, source.id);
    const copy = await readableConversation(actor, report.imported[0]?.id ?? "");
    expect(copy.conversation.id).not.toBe(source.id);
    expect(copy.messages.map((m) => [m.role, m.parts, m.content, m.status])).toEqual(
      original.messages.map((m) => [m.role, m.parts, m.content, m.status]),
    );
    expect(copy.messages[1]?.parts.map((p) => p.type)).toEqual(["reasoning", "tool-call", "tool-result", "text"]);
    const [question, ...answers] = copy.messages;
    expect(answers.map((m) => m.parentId)).toEqual([question?.id, question?.id]);
    expect(copy.conversation.activeLeafId).toBe(answers.find((m) => m.content === "Better answer")?.id);
    // And the copy exports to the same Markdown.
    const markdown = (id: string) => exportConversation(actor, id, "markdown").then((f) => f.body);
    expect(await markdown(copy.conversation.id)).toBe(await markdown(source.id));
  });

  it("imports the ChatGPT export fixture and reports what it skipped and why", async () => {
    const actor = await createTestActor();
    const report = await importConversations(actor, fixture);
    expect(report.format).toBe("chatgpt");
    expect(report.imported.map((c) => [c.title, c.messages, c.notes])).toEqual([
      ["Plot a CSV with pandas", 2, []],
      ["Sourdough starter schedule", 4, ["1 custom instructions message left out", "1 image or file left out"]],
      ["Kubernetes rolling update without downtime", 4, []],
    ]);
    expect(report.skipped).toEqual([
      { position: 4, title: "Broken branch", reason: 'current_node "0b5d7a52-missing-node" is not in its mapping' },
      { position: 5, title: "New chat", reason: "it has no messages that can be imported" },
    ]);
    const kubernetes = await readableConversation(actor, report.imported[2]?.id ?? "");
    expect(kubernetes.conversation.updatedAt.toISOString()).toBe("2024-06-10T09:40:27.223Z");
    expect(kubernetes.messages.map((m) => m.model)).toEqual([null, "gpt-4o", null, "gpt-4o"]);
  });

  it("gives one clear error for a file it cannot read at all", async () => {
    const actor = await createTestActor();
    const cases: [string, RegExp][] = [
      ["", /The file is empty/],
      ["PK\u0003\u0004rest-of-a-zip", /ZIP archive.*conversations\.json/],
      ["{not json", /not valid JSON/],
      ['{"hello": "world"}', /neither an SPJ Chat export nor ChatGPT/],
      ["[1, 2, 3]", /neither an SPJ Chat export nor ChatGPT/],
      ["[]", /holds no conversations/],
      ['{"format": "other-app", "version": 1}', /Unknown format "other-app"/],
    ];
    for (const [text, message] of cases) {
      await expect(importConversations(actor, text), text).rejects.toMatchObject({
        code: "invalid_request",
        message: expect.stringMatching(message),
      });
    }
  });

  it("skips a conversation that breaks the format, naming the field, and imports nothing of it", async () => {
    const actor = await createTestActor();
    const file = (conversation: object) =>
      JSON.stringify({
        format: "spj-chat/conversation",
        version: 1,
        exportedAt: new Date().toISOString(),
        conversation,
      });
    const message = { id: "m1", role: "user", content: "hi", createdAt: new Date().toISOString() };
    const valid = { title: "T", updatedAt: new Date().toISOString(), messages: [message] };
    const cases: [object, string][] = [
      [
        { ...valid, messages: [{ ...message, role: "robot" }] },
        "conversation.messages.0.role: role must be user, assistant or system",
      ],
      [
        { ...valid, messages: [{ ...message, content: "x".repeat(100_001) }] },
        "conversation.messages.0.content: content is longer than 100,000 characters",
      ],
      [
        { ...valid, messages: [message, { ...message, id: "m2", parentId: "m9" }] },
        'message 2 follows "m9", which is not an earlier message',
      ],
      [{ ...valid, messages: [message, message] }, 'message 2 repeats the id "m1"'],
    ];
    for (const [conversation, reason] of cases) {
      const report = await importConversations(actor, file(conversation));
      expect(report).toEqual({ format: "spj-chat", imported: [], skipped: [{ position: 1, title: "T", reason }] });
    }
    await expect(
      importConversations(actor, JSON.stringify({ ...JSON.parse(file(valid)), version: 2 })),
    ).resolves.toMatchObject({ skipped: [{ reason: "version: only version 1 files can be imported" }] });
    expect(await db().conversation.count({ where: { ownerId: actor.userId } })).toBe(0);
  });
});
