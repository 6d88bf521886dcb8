import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { readableConversation } from "@/lib/chat/conversations";
import { db } from "@/lib/db/client";
import { findConversation } from "@/lib/db/conversations";
import { seedConversation } from "@/lib/testing/conversations";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import {
  deleteConversation,
  deleteConversations,
  MAX_PINNED,
  pinConversation,
  purgeExpiredConversations,
  renameConversation,
  restoreConversation,
  restoreConversations,
} from "./manage";
import { sidebarPage } from "./sidebar";
import { UNDO_WINDOW_MS } from "./undo";

const HOUR = 3_600_000;
const seed = (actor: Actor, title: string, updatedAt?: Date) =>
  seedConversation({
    workspaceId: actor.workspaceId,
    ownerId: actor.userId,
    title,
    updatedAt,
    messages: [{ role: "user", content: `about ${title}` }],
  });
const sidebarTitles = async (actor: Actor) => (await sidebarPage(actor, null)).items.map((i) => i.title);

describeDb("conversation housekeeping", () => {
  it("renames without moving the conversation in the sidebar", async () => {
    const actor = await createTestActor();
    const older = await seed(actor, "Older", new Date(Date.now() - HOUR));
    await seed(actor, "Newer");
    const before = await findConversation(older.id);
    expect(await renameConversation(actor, older.id, "  Renamed \n twice ")).toEqual({ title: "Renamed twice" });
    expect((await findConversation(older.id))?.updatedAt).toEqual(before?.updatedAt);
    expect(await sidebarTitles(actor)).toEqual(["Newer", "Renamed twice"]);
  });

  it("refuses empty and overlong titles with a clear message", async () => {
    const actor = await createTestActor();
    const { id } = await seed(actor, "Title");
    await expect(renameConversation(actor, id, "   ")).rejects.toThrow("The title cannot be empty");
    await expect(renameConversation(actor, id, "x".repeat(201))).rejects.toThrow("at most 200 characters");
    await expect(renameConversation(actor, id, 42)).rejects.toThrow("The title must be text");
  });

  it("treats someone else's conversation as not found, also when it is shared with the team", async () => {
    const owner = await createTestActor();
    const teammate: Actor = { ...(await createTestActor()), workspaceId: owner.workspaceId };
    const shared = await seedConversation({
      workspaceId: owner.workspaceId,
      ownerId: owner.userId,
      title: "Shared",
      visibility: "TEAM",
    });
    for (const attempt of [
      () => renameConversation(teammate, shared.id, "Mine now"),
      () => pinConversation(teammate, shared.id, true),
      () => deleteConversation(teammate, shared.id),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    }
    await deleteConversation(owner, shared.id);
    await expect(restoreConversation(teammate, shared.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await findConversation(shared.id)) === null).toBe(true);
  });

  it("pins to the top of the first page, last pinned first, and unpins back into place", async () => {
    const actor = await createTestActor();
    const a = await seed(actor, "A", new Date(Date.now() - 3 * HOUR));
    const b = await seed(actor, "B", new Date(Date.now() - 2 * HOUR));
    await seed(actor, "C", new Date(Date.now() - HOUR));
    await pinConversation(actor, a.id, true);
    await pinConversation(actor, b.id, true);
    const first = await sidebarPage(actor, null);
    expect(first.items.map((i) => [i.title, i.pinnedAt !== null])).toEqual([
      ["B", true],
      ["A", true],
      ["C", false],
    ]);
    await pinConversation(actor, b.id, false);
    expect(await sidebarTitles(actor)).toEqual(["A", "C", "B"]);
  });

  it(`caps pins at ${MAX_PINNED}`, async () => {
    const actor = await createTestActor();
    const chats = await Promise.all(Array.from({ length: MAX_PINNED + 1 }, (_, i) => seed(actor, `Chat ${i}`)));
    for (const chat of chats.slice(0, MAX_PINNED)) await pinConversation(actor, chat.id, true);
    await expect(pinConversation(actor, chats[MAX_PINNED]?.id ?? "", true)).rejects.toThrow(/Unpin one first/);
  });

  it("hides a deleted conversation everywhere at once, and Undo brings it back as it was", async () => {
    const actor = await createTestActor();
    const { id } = await seed(actor, "Doomed");
    await pinConversation(actor, id, true);
    await deleteConversation(actor, id);
    expect(await sidebarTitles(actor)).toEqual([]);
    await expect(readableConversation(actor, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteConversation(actor, id)).rejects.toMatchObject({ code: "not_found" });

    const restored = await restoreConversation(actor, id);
    expect(restored).toMatchObject({ id, title: "Doomed" });
    expect(restored.pinnedAt).not.toBeNull();
    expect(await sidebarTitles(actor)).toEqual(["Doomed"]);
    await expect(restoreConversation(actor, id)).rejects.toThrow("This chat can no longer be restored");
  });

  it("purges after the undo window, keeping the usage ledger's rows", async () => {
    const actor = await createTestActor();
    const quiet = await seed(actor, "Quiet", new Date(Date.now() - HOUR));
    const busy = await seed(actor, "Answer still streaming");
    const usage = await db().usageEvent.create({
      data: {
        userId: actor.userId,
        workspaceId: actor.workspaceId,
        conversationId: quiet.id,
        model: "test-model",
        promptTokens: 10,
        completionTokens: 20,
        source: "REPORTED",
        outcome: "OK",
        latencyMs: 5,
      },
    });
    await deleteConversation(actor, quiet.id);
    await deleteConversation(actor, busy.id);

    // Within the window nothing goes; Undo still works there.
    await purgeExpiredConversations(new Date(Date.now() + UNDO_WINDOW_MS - 1_000));
    expect(await db().conversation.count({ where: { id: { in: [quiet.id, busy.id] } } })).toBe(2);

    await purgeExpiredConversations(new Date(Date.now() + UNDO_WINDOW_MS + 60_000));
    expect(await db().conversation.findUnique({ where: { id: quiet.id } })).toBeNull();
    expect(await db().message.count({ where: { conversationId: quiet.id } })).toBe(0);
    expect(await db().usageEvent.findUnique({ where: { id: usage.id } })).toMatchObject({
      conversationId: null,
      promptTokens: 10,
      completionTokens: 20,
    });
    // A conversation active moments ago may still be saving an answer: it waits.
    expect(await db().conversation.findUnique({ where: { id: busy.id } })).not.toBeNull();
    await expect(restoreConversation(actor, quiet.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("pages through the rest newest first, without the pinned or deleted ones", async () => {
    const actor = await createTestActor();
    const chats = [];
    for (let i = 0; i < 55; i++) chats.push(await seed(actor, `Chat ${i}`, new Date(Date.now() - (60 - i) * HOUR)));
    await pinConversation(actor, chats[0]?.id ?? "", true);
    await deleteConversation(actor, chats[54]?.id ?? "");
    const first = await sidebarPage(actor, null);
    expect(first.items).toHaveLength(51);
    expect(first.items.slice(0, 2).map((i) => i.title)).toEqual(["Chat 0", "Chat 53"]);
    const second = await sidebarPage(actor, first.nextCursor);
    expect(second.items.map((i) => i.title)).toEqual(["Chat 3", "Chat 2", "Chat 1"]);
    expect(second.nextCursor).toBeNull();
  });

  it("deletes several at once, skipping what is not mine, and Undo brings them all back", async () => {
    const actor = await createTestActor();
    const other = await createTestActor();
    const a = await seed(actor, "First");
    const b = await seed(actor, "Second");
    await seed(actor, "Kept");
    const theirs = await seed(other, "Theirs");
    const { deleted } = await deleteConversations(actor, [a.id, b.id, theirs.id, a.id]);
    expect(deleted.sort()).toEqual([a.id, b.id].sort());
    expect(await sidebarTitles(actor)).toEqual(["Kept"]);
    expect(await sidebarTitles(other)).toEqual(["Theirs"]);

    const { restored } = await restoreConversations(actor, [a.id, b.id, theirs.id]);
    expect(restored.map((r) => r.title).sort()).toEqual(["First", "Second"]);
    expect((await sidebarTitles(actor)).sort()).toEqual(["First", "Kept", "Second"]);
    await expect(deleteConversations(actor, [])).rejects.toThrow("Choose the chats");
  });
});
