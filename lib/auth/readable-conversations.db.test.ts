import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { searchMessages, searchTitles } from "@/lib/db/search";
import { seedConversation } from "@/lib/testing/conversations";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import type { Actor } from "./actor";
import { canReadConversation, readableConversations } from "./policy";

/**
 * The search queries filter conversations in SQL (readableConversations); the policy decides one
 * conversation at a time (canReadConversation). Here the real queries run over every kind of
 * conversation — each workspace, owner and visibility, and deleted ones — and must find exactly
 * those the policy lets each actor read.
 */
describeDb("readableConversations in the real search queries", () => {
  it("finds exactly the conversations canReadConversation allows, by title and by message", async () => {
    const word = `quokka${Date.now().toString(36).replace(/\d/g, "")}`;
    const [u1, u2, u3] = [
      await createTestActor("U One"),
      await createTestActor("U Two"),
      await createTestActor("U Three"),
    ];
    const team = await db().workspace.create({ data: { name: "Team", kind: "TEAM" } });
    const workspaces = [u1.workspaceId, u2.workspaceId, team.id];
    const conversations: { id: string; workspaceId: string; ownerId: string; visibility: string; deleted: boolean }[] =
      [];
    for (const workspaceId of workspaces) {
      for (const owner of [u1, u2, u3]) {
        for (const visibility of ["PRIVATE", "TEAM"] as const) {
          for (const deleted of [false, true]) {
            const seeded = await seedConversation({
              workspaceId,
              ownerId: owner.userId,
              title: `About the ${word}`,
              visibility,
              messages: [{ role: "user", content: `Tell me about the ${word}` }],
            });
            if (deleted) await db().conversation.update({ where: { id: seeded.id }, data: { deletedAt: new Date() } });
            conversations.push({ id: seeded.id, workspaceId, ownerId: owner.userId, visibility, deleted });
          }
        }
      }
    }
    const actors: Actor[] = [
      { userId: u1.userId, workspaceId: team.id, via: "session" },
      { userId: u2.userId, workspaceId: team.id, via: "api_key", apiKeyId: "k" },
      { userId: u1.userId, workspaceId: u1.workspaceId, via: "session" },
      { userId: u3.userId, workspaceId: u1.workspaceId, via: "session" },
    ];
    const terms = { terms: [word], prefix: false };
    for (const actor of actors) {
      const expected = conversations
        .filter((c) => !c.deleted && canReadConversation(actor, c))
        .map((c) => c.id)
        .sort();
      const scope = readableConversations(actor);
      const byTitle = (await searchTitles(scope, terms, 100)).map((h) => h.conversationId).sort();
      const byMessage = (await searchMessages(scope, terms, 100)).map((h) => h.conversationId).sort();
      expect(byTitle, JSON.stringify(actor)).toEqual(expected);
      expect(byMessage, JSON.stringify(actor)).toEqual(expected);
    }
    // The comparison means something only if some actors read others' conversations and some not.
    expect(
      conversations.filter((c) => canReadConversation(actors[0] as Actor, c) && c.ownerId !== u1.userId).length,
    ).toBeGreaterThan(0);
  });
});
