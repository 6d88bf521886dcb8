import { expect, it } from "vitest";
import { textParts } from "@/lib/chat/parts";
import { db } from "@/lib/db/client";
import { findConversation, listMessages } from "@/lib/db/conversations";
import { collect, createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { activePath, buildTree, siblingsOf, withLinkedParents } from "./branches";
import { startChat } from "./pipeline";
import { saveChatSettings, showBranch } from "./settings";

const upstream = withLocalUpstream();

const sentUpstream = () =>
  ((upstream.current.requests.at(-1)?.messages ?? []) as { content: string }[]).map((m) => m.content);

/** A conversation of two turns: q1 → a1 → q2 → a2. */
async function twoTurns() {
  const actor = await createTestActor();
  const first = await startChat({ actor, messages: [{ role: "user", parts: textParts("First question") }] });
  await collect(first);
  const conversationId = first.conversationId;
  const second = await startChat({
    actor,
    conversationId,
    messages: [{ role: "user", parts: textParts("Second question") }],
  });
  await collect(second);
  const [q1, a1, q2, a2] = await listMessages(conversationId);
  if (!q1 || !a1 || !q2 || !a2) throw new Error("expected four messages");
  return { actor, conversationId, q1, a1, q2, a2 };
}

const shown = async (conversationId: string) => {
  const conversation = await findConversation(conversationId);
  const tree = buildTree(withLinkedParents(await listMessages(conversationId)).messages);
  return activePath(tree, conversation?.activeLeafId ?? null).map((m) => m.content);
};

describeDb("branches", () => {
  it("saves each message under the one it follows, and shows the newest answer", async () => {
    const { conversationId, q1, a1, q2, a2 } = await twoTurns();
    expect([q1.parentId, a1.parentId, q2.parentId, a2.parentId]).toEqual([null, q1.id, a1.id, q2.id]);
    expect((await findConversation(conversationId))?.activeLeafId).toBe(a2.id);
  });

  it("regenerates the last answer as a sibling, sending only the path to its question", async () => {
    const { actor, conversationId, q2, a2 } = await twoTurns();
    const run = await startChat({ actor, conversationId, parentId: q2.id, messages: [] });
    expect(run.parentId).toBe(q2.id);
    const { outcome } = await collect(run);
    expect(sentUpstream()).toEqual(["First question", expect.any(String), "Second question"]);

    const tree = buildTree(await listMessages(conversationId));
    const regenerated = tree.byId.get(outcome.messageId);
    expect(regenerated?.parentId).toBe(q2.id);
    expect(siblingsOf(tree, regenerated ?? a2).map((m) => m.id)).toEqual([a2.id, outcome.messageId]);
    expect((await findConversation(conversationId))?.activeLeafId).toBe(outcome.messageId);
  });

  it("edits an earlier question into a new branch that leaves the old one whole", async () => {
    const { actor, conversationId, a1, q2, a2 } = await twoTurns();
    const run = await startChat({
      actor,
      conversationId,
      parentId: a1.id,
      messages: [{ role: "user", parts: textParts("Second question, edited") }],
    });
    await collect(run);
    expect(sentUpstream()).toEqual(["First question", a1.content, "Second question, edited"]);
    expect((await shown(conversationId)).slice(2, 3)).toEqual(["Second question, edited"]);

    // The old branch is intact and can be shown again.
    await showBranch(actor, conversationId, a2.id);
    expect(await shown(conversationId)).toEqual(["First question", a1.content, "Second question", a2.content]);
    expect((await listMessages(conversationId)).filter((m) => m.parentId === a1.id)).toHaveLength(2);

    // The next question goes after the branch shown.
    await collect(await startChat({ actor, conversationId, messages: [{ role: "user", parts: textParts("Third") }] }));
    const messages = await listMessages(conversationId);
    expect(messages.find((m) => m.content === "Third")?.parentId).toBe(a2.id);
    expect(q2.parentId).toBe(a1.id);
  });

  it("edits the first question into a second root", async () => {
    const { actor, conversationId } = await twoTurns();
    await collect(
      await startChat({
        actor,
        conversationId,
        parentId: null,
        messages: [{ role: "user", parts: textParts("Redo") }],
      }),
    );
    expect(sentUpstream()).toEqual(["Redo"]);
    const roots = (await listMessages(conversationId)).filter((m) => m.parentId === null);
    expect(roots.map((m) => m.content)).toEqual(["First question", "Redo"]);
  });

  it("links a conversation saved before branches into a chain on its next turn", async () => {
    const { actor, conversationId, q1, a1, q2, a2 } = await twoTurns();
    await db().message.updateMany({ where: { conversationId }, data: { parentId: null } });
    await db().conversation.update({ where: { id: conversationId }, data: { activeLeafId: null } });
    expect(await shown(conversationId)).toEqual([q1.content, a1.content, q2.content, a2.content]);

    await collect(
      await startChat({ actor, conversationId, messages: [{ role: "user", parts: textParts("After the upgrade") }] }),
    );
    expect(sentUpstream()).toEqual([q1.content, a1.content, q2.content, a2.content, "After the upgrade"]);
    const parents = (await listMessages(conversationId)).map((m) => m.parentId);
    expect(parents.slice(0, 5)).toEqual([null, q1.id, a1.id, q2.id, a2.id]);
  });

  it("refuses a parent from another conversation, and branch switches by anyone but the owner", async () => {
    const { actor, conversationId, a2 } = await twoTurns();
    const other = await twoTurns();
    const error = await startChat({ actor, conversationId, parentId: other.q1.id, messages: [] }).catch((e) => e);
    expect(error).toMatchObject({ code: "not_found" });
    await expect(showBranch(actor, conversationId, other.a2.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(showBranch(other.actor, conversationId, a2.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers with the conversation's own settings, within the plan's limits", async () => {
    const { actor, conversationId } = await twoTurns();
    const settings = { model: "llama-3.3-70b-versatile", systemPrompt: "  Answer in French. ", temperature: 0.3 };
    await saveChatSettings(actor, conversationId, { ...settings, maxTokens: 40 });
    await expect(saveChatSettings(actor, conversationId, { ...settings, maxTokens: 1_000_000 })).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(
      saveChatSettings(actor, conversationId, { ...settings, model: "not-configured", maxTokens: null }),
    ).rejects.toMatchObject({ code: "invalid_request" });
    const stranger = await createTestActor();
    await expect(saveChatSettings(stranger, conversationId, { ...settings, maxTokens: null })).rejects.toMatchObject({
      code: "not_found",
    });

    await collect(
      await startChat({ actor, conversationId, messages: [{ role: "user", parts: textParts("Bonjour") }] }),
    );
    const request = upstream.current.requests.at(-1);
    expect(request).toMatchObject({ temperature: 0.3, maxTokens: 40 });
    expect(request?.messages[0]).toEqual({ role: "system", content: "Answer in French." });
  });
});
