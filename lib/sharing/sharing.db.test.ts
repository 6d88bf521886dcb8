import { expect, it } from "vitest";
import { resolveSessionActor } from "@/lib/auth/session-actor";
import { newLinkToken } from "@/lib/auth/tokens";
import { readableConversation } from "@/lib/chat/conversations";
import { type MessagePart, textParts } from "@/lib/chat/parts";
import { startChat } from "@/lib/chat/pipeline";
import { db } from "@/lib/db/client";
import { insertShareLink } from "@/lib/db/shares";
import { createTeam } from "@/lib/teams/workspaces";
import { seedConversation as seedMessages } from "@/lib/testing/conversations";
import { collect, createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { joinTeam, ORIGIN, seedConversation } from "@/lib/testing/team-scene";
import { conversationView } from "./conversation-view";
import { forkConversation } from "./fork";
import { publishSnapshot, readPublicSnapshot, revokePublicLink } from "./public-links";
import { listSharedWithTeam } from "./shared-list";
import { setConversationVisibility } from "./visibility";

withLocalUpstream();

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** A team with an owner and a member, both acting in it. */
async function pair() {
  const ownerPerson = await createTestActor("Olivia Owner");
  const { workspaceId } = await createTeam(ownerPerson, "Acme");
  const owner = await resolveSessionActor(ownerPerson.userId, workspaceId);
  const memberPerson = await createTestActor("Mia Member");
  if (!owner) throw new Error("no owner");
  await joinTeam(owner, memberPerson);
  const member = await resolveSessionActor(memberPerson.userId, workspaceId);
  if (!member) throw new Error("no member");
  return { owner, member, ownerEmail: ownerPerson.email };
}

describeDb("sharing with the team", () => {
  it("lists shared conversations for members, searchable by title or sharer, never private ones", async () => {
    const { owner, member } = await pair();
    const launch = await seedConversation(owner, "Launch plan");
    const secret = await seedConversation(owner, "Salary notes");
    await setConversationVisibility(owner, { conversationId: launch.id, visibility: "TEAM" });
    const mine = await seedConversation(member, "Onboarding checklist");
    await setConversationVisibility(member, { conversationId: mine.id, visibility: "TEAM" });

    const all = await listSharedWithTeam(member, {});
    expect(all.items.map((i) => [i.title, i.sharedBy, i.mine])).toEqual([
      ["Onboarding checklist", "Mia Member", true],
      ["Launch plan", "Olivia Owner", false],
    ]);
    expect(all.items.map((i) => i.id)).not.toContain(secret.id);
    expect((await listSharedWithTeam(member, { query: "LAUNCH" })).items.map((i) => i.id)).toEqual([launch.id]);
    expect((await listSharedWithTeam(member, { query: "olivia" })).items.map((i) => i.id)).toEqual([launch.id]);
    expect((await listSharedWithTeam(member, { query: "nothing like it" })).items).toEqual([]);

    // Back to private: gone from the list, and colleagues can no longer open it.
    await setConversationVisibility(owner, { conversationId: launch.id, visibility: "PRIVATE" });
    expect((await listSharedWithTeam(member, {})).items.map((i) => i.id)).toEqual([mine.id]);
    await expect(readableConversation(member, launch.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("pages through a long list without repeats", async () => {
    const { owner, member } = await pair();
    const ids: string[] = [];
    for (let i = 0; i < 32; i++) {
      const c = await db().conversation.create({
        data: { workspaceId: owner.workspaceId, ownerId: owner.userId, title: `Note ${i}`, model: "m" },
        select: { id: true },
      });
      await setConversationVisibility(owner, { conversationId: c.id, visibility: "TEAM" });
      ids.push(c.id);
    }
    const first = await listSharedWithTeam(member, {});
    expect(first.nextCursor).not.toBeNull();
    const second = await listSharedWithTeam(member, { cursor: first.nextCursor });
    const seen = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(seen).size).toBe(32);
    expect(second.nextCursor).toBeNull();
  });

  it("offers team visibility only in team workspaces", async () => {
    const solo = await createTestActor();
    const { id } = await seedConversation(solo, "Alone");
    await expect(setConversationVisibility(solo, { conversationId: id, visibility: "TEAM" })).rejects.toMatchObject({
      code: "invalid_request",
    });
    expect((await conversationView(solo, id)).sharing).toMatchObject({ teamName: null, visibility: "PRIVATE" });
  });
});

describeDb("continue in my own copy", () => {
  it("copies the branch up to the chosen message into a private conversation of the reader, linked to its source", async () => {
    const { owner, member } = await pair();
    const source = await seedConversation(owner, "Pricing ideas");
    await setConversationVisibility(owner, { conversationId: source.id, visibility: "TEAM" });
    const [question, answer] = (await readableConversation(member, source.id)).messages;
    expect(answer?.role).toBe("assistant");

    const upToQuestion = await forkConversation(member, { conversationId: source.id, messageId: question?.id });
    const partial = await readableConversation(member, upToQuestion.id);
    expect(partial.messages.map((m) => m.content)).toEqual([question?.content]);

    const whole = await forkConversation(member, { conversationId: source.id });
    const copy = await db().conversation.findUniqueOrThrow({ where: { id: whole.id } });
    expect(copy).toMatchObject({
      ownerId: member.userId,
      workspaceId: member.workspaceId,
      visibility: "PRIVATE",
      forkedFromId: source.id,
      forkedFromMessageId: answer?.id,
    });
    const view = await conversationView(member, whole.id);
    expect(view).toMatchObject({ access: "owner", forkedFrom: { id: source.id, title: "Pricing ideas" } });
    expect(view.window.messages.map((m) => m.content)).toEqual([question?.content, answer?.content]);
    // The copy is the reader's own: they continue it; the owner of the source cannot see it.
    const run = await startChat({
      actor: member,
      conversationId: whole.id,
      messages: [{ role: "user", parts: textParts("And for students?") }],
    });
    expect((await collect(run)).outcome.status).toBe("COMPLETE");
    await expect(readableConversation(owner, whole.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await readableConversation(owner, source.id)).messages).toHaveLength(2);
    // Copies spend nothing: the ledger has the source's answer and the follow-up, no more.
    expect(await db().usageEvent.count({ where: { conversationId: whole.id } })).toBe(1);

    await expect(forkConversation(member, { conversationId: source.id, messageId: "nope" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describeDb("public links", () => {
  it("show a snapshot without emails or internal ids; updating issues a new link; revoking ends it", async () => {
    const { owner, ownerEmail } = await pair();
    const { id } = await seedConversation(owner, "Release notes draft");
    const first = await publishSnapshot(owner, id, ORIGIN);
    expect(first.url).toMatch(new RegExp(`^${ORIGIN}/share/[A-Za-z0-9_-]{32}$`));
    const snapshot = await readPublicSnapshot(tokenOf(first.url));
    expect(snapshot?.title).toBe("Release notes draft");
    expect(snapshot?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const messageIds = (await db().message.findMany({ where: { conversationId: id } })).map((m) => m.id);
    const text = JSON.stringify(snapshot);
    for (const secret of [ownerEmail, owner.userId, owner.workspaceId, id, ...messageIds]) {
      expect(text).not.toContain(secret);
    }

    // Later messages are not in the snapshot until it is updated, which issues a new link.
    const run = await startChat({
      actor: owner,
      conversationId: id,
      messages: [{ role: "user", parts: textParts("Shorter?") }],
    });
    await collect(run);
    expect((await readPublicSnapshot(tokenOf(first.url)))?.messages).toHaveLength(2);
    const second = await publishSnapshot(owner, id, ORIGIN);
    expect(second.url).not.toBe(first.url);
    expect(await readPublicSnapshot(tokenOf(first.url))).toBeNull();
    expect((await readPublicSnapshot(tokenOf(second.url)))?.messages).toHaveLength(4);

    await revokePublicLink(owner, id);
    expect(await readPublicSnapshot(tokenOf(second.url))).toBeNull();
    await expect(revokePublicLink(owner, id)).rejects.toMatchObject({ code: "not_found" });
    expect(await readPublicSnapshot("x".repeat(32))).toBeNull();
    expect(await readPublicSnapshot("../../etc/passwd")).toBeNull();
  });
});

describeDb("parts in forks and public links", () => {
  const ANSWER: MessagePart[] = [
    { type: "reasoning", text: "Check the weather.", durationMs: 1500 },
    { type: "tool-call", id: "call_9", name: "get_weather", arguments: '{"city":"Oslo"}' },
    { type: "tool-result", callId: "call_9", content: "-3 °C" },
    { type: "file", mediaType: "image/png", name: "map.png", fileId: "file_internal_42" },
    { type: "text", text: "Cold: -3 °C." },
  ];

  it("a fork copies every part; a snapshot keeps all but stored files; older snapshots read as text", async () => {
    const { owner } = await pair();
    const { id } = await seedMessages({
      workspaceId: owner.workspaceId,
      ownerId: owner.userId,
      title: "Oslo",
      messages: [
        { role: "user", content: "Weather in Oslo?" },
        { role: "assistant", parts: ANSWER },
      ],
    });
    const fork = await forkConversation(owner, { conversationId: id });
    const copied = await readableConversation(owner, fork.id);
    expect(copied.messages.map((m) => m.parts)).toEqual([textParts("Weather in Oslo?"), ANSWER]);

    const link = await publishSnapshot(owner, id, ORIGIN);
    const snapshot = await readPublicSnapshot(tokenOf(link.url));
    expect(snapshot?.messages[1]?.parts).toEqual(ANSWER.filter((p) => p.type !== "file"));
    expect(JSON.stringify(snapshot)).not.toContain("file_internal_42");

    const old = newLinkToken();
    await insertShareLink({
      conversationId: id,
      tokenHash: old.hash,
      snapshot: JSON.stringify({
        title: "Oslo",
        messages: [{ role: "user", content: "Weather in Oslo?", createdAt: new Date().toISOString() }],
      }),
      createdById: owner.userId,
    });
    expect((await readPublicSnapshot(old.token))?.messages[0]?.parts).toEqual(textParts("Weather in Oslo?"));
  });
});
