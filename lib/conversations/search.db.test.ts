import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { seedConversation } from "@/lib/testing/conversations";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { deleteConversation, purgeExpiredConversations, renameConversation, restoreConversation } from "./manage";
import { type SearchResults, searchConversations } from "./search";

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");
const marked = (parts: { text: string; match: boolean }[]) => parts.filter((p) => p.match).map((p) => p.text);
const messageIds = (results: SearchResults) => results.messages.map((m) => m.messageId);
const chatIds = (results: SearchResults) => results.chats.map((c) => c.conversationId);

async function actorWithChat(title: string, contents: string[]) {
  const actor = await createTestActor();
  const chat = await seedConversation({
    workspaceId: actor.workspaceId,
    ownerId: actor.userId,
    title,
    messages: contents.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content })),
  });
  return { actor, chat };
}

describeDb("conversation search", () => {
  it("finds a word inside an old message, marked, and names the message to jump to", async () => {
    const { actor, chat } = await actorWithChat("Travel plans", [
      "Where should we stay in Lisbon?",
      "Alfama has steep streets, tiled façades and the best fado bars in the city.",
    ]);
    await seedConversation({ workspaceId: actor.workspaceId, ownerId: actor.userId, title: "Other", messages: [] });
    const results = await searchConversations(actor, "fado");
    expect(results.messages).toHaveLength(1);
    const [hit] = results.messages;
    expect(hit).toMatchObject({
      conversationId: chat.id,
      messageId: chat.messageIds[1],
      conversationTitle: "Travel plans",
    });
    expect(marked(hit?.snippet ?? [])).toEqual(["fado"]);
    expect(text(hit?.snippet ?? [])).toContain("best fado bars");
  });

  it("stems words and matches the last one as a prefix, on both databases", async () => {
    const { actor, chat } = await actorWithChat("Deploys", ["We are deploying the Kubernetes cluster tomorrow"]);
    for (const query of ["deploy", "deployed kubernetes", "kuber", "KUBERNETES"]) {
      expect(messageIds(await searchConversations(actor, query)), query).toEqual([chat.messageIds[0]]);
    }
    expect(messageIds(await searchConversations(actor, "kubernetes yesterday"))).toEqual([]);
    // Two letters match whole words only: as a prefix they would stand for too many words.
    expect(messageIds(await searchConversations(actor, "ku"))).toEqual([]);
    expect(messageIds(await searchConversations(actor, "kub"))).toEqual([chat.messageIds[0]]);
  });

  it("matches the last word as the start of longer ones only when whole words match nothing", async () => {
    const { actor, chat } = await actorWithChat("Widening", ["the cat sat", "a catalogue of cats"]);
    expect(messageIds(await searchConversations(actor, "cat"))).toEqual([chat.messageIds[1], chat.messageIds[0]]);
    expect(messageIds(await searchConversations(actor, "catal"))).toEqual([chat.messageIds[1]]);
  });

  it("searches titles, marked in full", async () => {
    const { actor, chat } = await actorWithChat("Sourdough starter schedule", ["hello"]);
    const results = await searchConversations(actor, "sourdough");
    expect(chatIds(results)).toEqual([chat.id]);
    expect(text(results.chats[0]?.title ?? [])).toBe("Sourdough starter schedule");
    expect(marked(results.chats[0]?.title ?? [])).toEqual(["Sourdough"]);
  });

  it("treats query syntax as plain words", async () => {
    const { actor, chat } = await actorWithChat("Syntax", ['He said "NEAR" or (maybe) not*']);
    for (const query of ['"near', "near(", "or*", "not:*", "-maybe", "a & b | c", "'", "***"]) {
      const results = await searchConversations(actor, query);
      expect(
        results.messages.every((m) => m.conversationId === chat.id),
        query,
      ).toBe(true);
    }
  });

  it("finds exactly what the policy lets the actor read: own chats and the team's shared ones", async () => {
    const me = await createTestActor();
    const colleague: Actor = { ...(await createTestActor()), workspaceId: me.workspaceId };
    const stranger = await createTestActor();
    const word = "xylophonics";
    const seed = (owner: Actor, visibility: "PRIVATE" | "TEAM", workspaceId = owner.workspaceId) =>
      seedConversation({
        workspaceId,
        ownerId: owner.userId,
        title: `${word} ${visibility}`,
        visibility,
        messages: [{ role: "user", content: `${word} inside` }],
      });
    const mine = await seed(me, "PRIVATE");
    const shared = await seed(colleague, "TEAM");
    await seed(colleague, "PRIVATE");
    await seed(stranger, "TEAM");
    await seed(me, "PRIVATE", stranger.workspaceId);

    const results = await searchConversations(me, word);
    expect(new Set(chatIds(results))).toEqual(new Set([mine.id, shared.id]));
    expect(new Set(results.messages.map((m) => m.conversationId))).toEqual(new Set([mine.id, shared.id]));
  });

  it("leaves out system messages and deleted conversations, and follows renames", async () => {
    const { actor, chat } = await actorWithChat("Quokka facts", ["quokka question"]);
    await seedConversation({
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      title: "System only",
      messages: [{ role: "system", content: "quokka system prompt" }],
    });
    expect(messageIds(await searchConversations(actor, "quokka"))).toEqual([chat.messageIds[0]]);

    await renameConversation(actor, chat.id, "Marsupial notes");
    expect(chatIds(await searchConversations(actor, "quokka"))).toEqual([]);
    expect(chatIds(await searchConversations(actor, "marsupial"))).toEqual([chat.id]);

    await deleteConversation(actor, chat.id);
    expect(await searchConversations(actor, "marsupial")).toMatchObject({ chats: [], messages: [] });
    expect(messageIds(await searchConversations(actor, "quokka"))).toEqual([]);
    await restoreConversation(actor, chat.id);
    expect(chatIds(await searchConversations(actor, "marsupial"))).toEqual([chat.id]);
  });

  it("keeps the index in step when messages change and conversations are purged", async () => {
    const { actor, chat } = await actorWithChat("Edits", ["original wording"]);
    await db().message.update({ where: { id: chat.messageIds[0] }, data: { content: "replacement wording" } });
    expect(messageIds(await searchConversations(actor, "original"))).toEqual([]);
    expect(messageIds(await searchConversations(actor, "replacement"))).toEqual([chat.messageIds[0]]);

    await db().conversation.update({ where: { id: chat.id }, data: { updatedAt: new Date(Date.now() - 3_600_000) } });
    await deleteConversation(actor, chat.id);
    await purgeExpiredConversations(new Date(Date.now() + 60_000));
    expect(await db().message.count({ where: { conversationId: chat.id } })).toBe(0);
    // The index lost the rows too: a new message with the same words is the only hit.
    const again = await seedConversation({
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      title: "Edits again",
      messages: [{ role: "user", content: "replacement wording" }],
    });
    expect(messageIds(await searchConversations(actor, "replacement"))).toEqual(again.messageIds);
  });

  it("lists the newest matching messages first, at most 20", async () => {
    const { actor } = await actorWithChat(
      "Many",
      Array.from({ length: 25 }, (_, i) => `numbat sighting ${i}`),
    );
    const results = await searchConversations(actor, "numbat");
    expect(results.messages).toHaveLength(20);
    expect(text(results.messages[0]?.snippet ?? [])).toContain("sighting 24");
  });
});
