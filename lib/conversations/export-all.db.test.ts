import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { exportAllConversations } from "./export-all";
import { ExportFile } from "./export-format";
import { deleteConversation } from "./manage";

async function seedConversation(
  actor: { userId: string; workspaceId: string },
  title: string,
  texts: [string, string],
) {
  const conversation = await db().conversation.create({
    data: { workspaceId: actor.workspaceId, ownerId: actor.userId, title, model: "test-model" },
  });
  const question = await db().message.create({
    data: { conversationId: conversation.id, role: "user", content: texts[0] },
  });
  await db().message.create({
    data: { conversationId: conversation.id, role: "assistant", content: texts[1], parentId: question.id },
  });
  return conversation;
}

async function unzip(stream: ReadableStream<Uint8Array>): Promise<Record<string, string>> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

describeDb("export all my conversations", () => {
  it("zips each of my conversations as JSON (importable) and Markdown, and nobody else's", async () => {
    const me = await createTestActor("Me");
    const someoneElse = await createTestActor("Other");
    const first = await seedConversation(me, "Binary search", ["How does it work?", "It halves the range."]);
    const second = await seedConversation(me, "Dinner ideas", ["Something quick?", "Pasta."]);
    const gone = await seedConversation(me, "Deleted one", ["secret", "gone"]);
    await deleteConversation(me, gone.id);
    await seedConversation(someoneElse, "Not mine", ["their question", "their answer"]);

    const download = await exportAllConversations(me, new Date("2026-12-04T10:00:00Z"));
    expect(download.filename).toBe("spj-chat-conversations-2026-12-04.zip");
    const files = await unzip(download.stream);

    expect(Object.keys(files).sort()).toEqual([
      "README.txt",
      `conversations/binary-search-${first.id}.json`,
      `conversations/binary-search-${first.id}.md`,
      `conversations/dinner-ideas-${second.id}.json`,
      `conversations/dinner-ideas-${second.id}.md`,
    ]);
    const json = ExportFile.parse(JSON.parse(files[`conversations/binary-search-${first.id}.json`] as string));
    expect(json.conversation.title).toBe("Binary search");
    expect(json.conversation.messages.map((m) => m.content)).toEqual(["How does it work?", "It halves the range."]);
    expect(files[`conversations/dinner-ideas-${second.id}.md`]).toContain("Pasta.");
    expect(files["README.txt"]).toContain("2 conversations");
    expect(Object.values(files).join("\n")).not.toMatch(/secret|their answer/);
  });

  it("gives an empty account a zip with only the README, and refuses API keys", async () => {
    const me = await createTestActor("Empty");
    expect(Object.keys(await unzip((await exportAllConversations(me)).stream))).toEqual(["README.txt"]);
    await expect(exportAllConversations({ ...me, via: "api_key" })).rejects.toThrow("Not allowed");
  });
});
