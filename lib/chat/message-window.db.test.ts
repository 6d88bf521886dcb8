import { expect, it } from "vitest";
import { resolveSessionActor } from "@/lib/auth/session-actor";
import { db } from "@/lib/db/client";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { createTeam } from "@/lib/teams/workspaces";
import { seedConversation, seedLongConversation } from "@/lib/testing/conversations";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { joinTeam } from "@/lib/testing/team-scene";
import { messageWindow, WINDOW_SIZE } from "./message-window";

/** A team's owner with a long conversation, shared, and a member who reads it. */
async function sharedLongChat(count: number) {
  const person = await createTestActor("Olivia Owner");
  const { workspaceId } = await createTeam(person, "Acme");
  const owner = await resolveSessionActor(person.userId, workspaceId);
  if (!owner) throw new Error("no owner");
  await joinTeam(owner, await createTestActor("Mia Member"));
  const memberRow = await db().membership.findFirstOrThrow({ where: { workspaceId, role: "MEMBER" } });
  const member = await resolveSessionActor(memberRow.userId, workspaceId);
  if (!member) throw new Error("no member");
  const chat = await seedLongConversation({ workspaceId, ownerId: owner.userId, title: "Migration", count });
  await setConversationVisibility(owner, { conversationId: chat.id, visibility: "TEAM" });
  return { owner, member, ...chat };
}

describeDb("message windows", () => {
  it("opens with the newest messages and loads the earlier ones page by page, for the owner and a reader", async () => {
    const count = WINDOW_SIZE * 2 + 10;
    const { owner, member, id, messageIds } = await sharedLongChat(count);
    for (const actor of [owner, member]) {
      const first = await messageWindow(actor, id);
      expect(first.messages.map((m) => m.id)).toEqual(messageIds.slice(-WINDOW_SIZE));
      expect(first).toMatchObject({ leafId: messageIds.at(-1), hasOlder: true });
      const second = await messageWindow(actor, id, { before: first.messages[0]?.id });
      expect(second.messages.map((m) => m.id)).toEqual(messageIds.slice(10, 10 + WINDOW_SIZE));
      const last = await messageWindow(actor, id, { before: second.messages[0]?.id });
      expect(last.messages.map((m) => m.id)).toEqual(messageIds.slice(0, 10));
      expect(last.hasOlder).toBe(false);
    }
    // The tokens of what is not loaded yet: the answers (160 tokens each) before the newest ones.
    expect((await messageWindow(owner, id)).unloadedTokens).toBe(((count - WINDOW_SIZE) / 2) * 160);
  });

  it("shows the owner the other versions of a message, and a reader only the branch shown", async () => {
    const { owner, member, id, messageIds } = await sharedLongChat(10);
    // An edit of the 9th message: another version under the 8th.
    const edit = await db().message.create({
      data: { conversationId: id, parentId: messageIds[7], role: "user", content: "Edited" },
    });
    const ownerIds = (await messageWindow(owner, id)).messages.map((m) => m.id);
    expect(ownerIds).toContain(edit.id);
    const readerIds = (await messageWindow(member, id)).messages.map((m) => m.id);
    expect(readerIds).toEqual(messageIds);
  });

  it("links the rows of a conversation saved before branches, and refuses whoever may not read it", async () => {
    const actor = await createTestActor();
    const legacy = await seedConversation({
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      title: "Old",
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
      ],
    });
    const window = await messageWindow(actor, legacy.id);
    expect(window.messages.map((m) => m.parentId)).toEqual([null, legacy.messageIds[0]]);
    await expect(messageWindow(await createTestActor(), legacy.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(messageWindow(actor, legacy.id, { before: "unknown" })).rejects.toMatchObject({
      code: "invalid_request",
    });
  });
});
