import { expect, it } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/auth/api-keys";
import { registerUser } from "@/lib/auth/register";
import { resolveSessionActor } from "@/lib/auth/session-actor";
import { maySignUp, setSignupMode, signupMode } from "@/lib/auth/signup";
import { readableConversation } from "@/lib/chat/conversations";
import { setUserRole } from "@/lib/db/admin";
import { db } from "@/lib/db/client";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { joinTeam, ORIGIN, seedConversation } from "@/lib/testing/team-scene";
import { acceptInvite, createInvite, describeInvite, listInvites, revokeInvite } from "./invites";
import { changeMemberRole, leaveTeam, removeMember, teamMembers, teamUsage } from "./members";
import { createTeam } from "./workspaces";

withLocalUpstream();

const DAY = 24 * 60 * 60 * 1000;
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** A fresh team: its owner acting in it, and the team's id. */
async function team(name = "Acme") {
  const person = await createTestActor("Olivia Owner");
  const { workspaceId } = await createTeam(person, name);
  const owner = await resolveSessionActor(person.userId, workspaceId);
  if (!owner) throw new Error("no owner");
  return { owner, teamId: workspaceId, email: person.email };
}

async function inTeam(userId: string, teamId: string) {
  const actor = await resolveSessionActor(userId, teamId);
  if (!actor) throw new Error("cannot act");
  return actor;
}

describeDb("invites", () => {
  it("are accepted once, by the invited email, and make the person a member with the invited role", async () => {
    const { owner, teamId } = await team();
    const invitee = await createTestActor("Ivy Invitee");
    const created = await createInvite(owner, { email: invitee.email.toUpperCase(), role: "ADMIN" }, ORIGIN);
    expect(created.url).toMatch(new RegExp(`^${ORIGIN}/invite/[A-Za-z0-9_-]{32}$`));
    expect(created.email).toBe("not-configured");
    const token = tokenOf(created.url);
    const row = await db().invite.findUniqueOrThrow({ where: { id: created.invite.id } });
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await describeInvite(token)).toMatchObject({ teamName: "Acme", email: invitee.email, state: "open" });
    const stranger = await createTestActor();
    await expect(acceptInvite(stranger, token)).rejects.toMatchObject({ code: "forbidden" });

    await expect(acceptInvite(invitee, token)).resolves.toEqual({ workspaceId: teamId });
    expect((await inTeam(invitee.userId, teamId)).workspace).toMatchObject({ kind: "TEAM", role: "ADMIN" });
    await expect(acceptInvite(invitee, token)).rejects.toMatchObject({ code: "conflict" });
    expect((await describeInvite(token))?.state).toBe("used");
    expect(await listInvites(owner)).toEqual([]);
  });

  it("expire, and revoked or unknown links are not found", async () => {
    const { owner } = await team();
    const invitee = await createTestActor();
    const old = await createInvite(owner, { email: invitee.email }, ORIGIN, new Date(Date.now() - 8 * DAY));
    expect((await describeInvite(tokenOf(old.url)))?.state).toBe("expired");
    expect((await listInvites(owner))[0]).toMatchObject({ email: invitee.email, expired: true });
    await expect(acceptInvite(invitee, tokenOf(old.url))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("expired"),
    });

    // A new invite to the same address replaces the old one.
    const fresh = await createInvite(owner, { email: invitee.email }, ORIGIN);
    expect((await listInvites(owner)).map((i) => i.id)).toEqual([fresh.invite.id]);
    await revokeInvite(owner, fresh.invite.id);
    expect(await describeInvite(tokenOf(fresh.url))).toBeNull();
    await expect(acceptInvite(invitee, tokenOf(fresh.url))).rejects.toMatchObject({ code: "not_found" });
    expect(await describeInvite("not-a-token")).toBeNull();
    await expect(revokeInvite(owner, fresh.invite.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("are made by owners and admins only, and not for people already in the team", async () => {
    const { owner, teamId, email } = await team();
    const member = await createTestActor();
    await joinTeam(owner, member);
    const asMember = await inTeam(member.userId, teamId);
    await expect(createInvite(asMember, { email: "x@example.test" }, ORIGIN)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createInvite(member, { email: "x@example.test" }, ORIGIN)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(createInvite(owner, { email }, ORIGIN)).rejects.toMatchObject({ code: "conflict" });
    await expect(createInvite(owner, { email: "not an email" }, ORIGIN)).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(createInvite(owner, { email: "y@example.test", role: "OWNER" }, ORIGIN)).rejects.toMatchObject({
      code: "invalid_request",
    });
  });
});

describeDb("roles and the last owner", () => {
  it("never leaves a team without an owner", async () => {
    const { owner, teamId } = await team();
    await expect(changeMemberRole(owner, { userId: owner.userId, role: "ADMIN" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(leaveTeam(owner)).rejects.toMatchObject({ code: "conflict", message: /last owner/ });
    await expect(removeMember(owner, owner.userId)).rejects.toMatchObject({ code: "conflict" });
    // The team page says so before anyone tries (no confirmation that then fails).
    expect((await teamMembers(owner)).leaveRefusal).toMatch(/last owner/);

    const admin = await createTestActor("Adam Admin");
    await joinTeam(owner, admin, "ADMIN");
    const asAdmin = await inTeam(admin.userId, teamId);
    // Admins manage admins and members, not owners.
    await expect(changeMemberRole(asAdmin, { userId: owner.userId, role: "MEMBER" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(changeMemberRole(asAdmin, { userId: admin.userId, role: "OWNER" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeMember(asAdmin, owner.userId)).rejects.toMatchObject({ code: "forbidden" });

    // With a second owner, the first may step down and then leave.
    await changeMemberRole(owner, { userId: admin.userId, role: "OWNER" });
    expect((await teamMembers(owner)).leaveRefusal).toBeNull();
    await changeMemberRole(owner, { userId: owner.userId, role: "MEMBER" });
    const asFormerOwner = await inTeam(owner.userId, teamId);
    await leaveTeam(asFormerOwner);
    expect((await resolveSessionActor(owner.userId, teamId))?.workspace.kind).toBe("PERSONAL");
    const remaining = await teamMembers(await inTeam(admin.userId, teamId));
    expect(remaining.members.map((m) => [m.userId, m.role])).toEqual([[admin.userId, "OWNER"]]);
  });

  it("shows each member which roles they may change, as the policy decides", async () => {
    const { owner, teamId } = await team();
    const admin = await createTestActor("Adam Admin");
    const member = await createTestActor("Mia Member");
    await joinTeam(owner, admin, "ADMIN");
    await joinTeam(owner, member);
    const byId = (view: Awaited<ReturnType<typeof teamMembers>>) =>
      Object.fromEntries(view.members.map((m) => [m.userId, { roles: m.roleChoices, removable: m.removable }]));

    const seenByAdmin = byId(await teamMembers(await inTeam(admin.userId, teamId)));
    expect(seenByAdmin[owner.userId]).toEqual({ roles: [], removable: false });
    expect(seenByAdmin[member.userId]).toEqual({ roles: ["ADMIN", "MEMBER"], removable: true });
    const seenByMember = byId(await teamMembers(await inTeam(member.userId, teamId)));
    expect(seenByMember[admin.userId]).toEqual({ roles: [], removable: false });
    await expect(teamUsage(await inTeam(member.userId, teamId))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describeDb("removing a member", () => {
  it("ends their access at once and keeps their usage in the ledger", async () => {
    const { owner, teamId } = await team();
    const person = await createTestActor("Mia Member");
    await joinTeam(owner, person);
    const member = await inTeam(person.userId, teamId);
    const shared = await seedConversation(owner, "Roadmap");
    await setConversationVisibility(owner, { conversationId: shared.id, visibility: "TEAM" });
    const own = await seedConversation(member, "My notes in the team");
    const { key } = await createApiKey({ workspaceId: teamId, userId: person.userId, name: "k", expiresAt: null });
    await expect(readableConversation(member, shared.id)).resolves.toBeTruthy();
    await expect(authenticateApiKey(`Bearer ${key}`)).resolves.toMatchObject({ workspaceId: teamId });
    const ledger = () => db().usageEvent.count({ where: { userId: person.userId, workspaceId: teamId } });
    const before = await ledger();
    expect(before).toBe(1);
    expect((await teamUsage(owner))[person.userId]).toBeGreaterThan(0);

    await removeMember(owner, person.userId);

    // Their next request acts in their personal workspace, whatever the switcher's cookie says.
    const next = await resolveSessionActor(person.userId, teamId);
    expect(next?.workspace.kind).toBe("PERSONAL");
    await expect(readableConversation(next as NonNullable<typeof next>, shared.id)).rejects.toMatchObject({
      code: "not_found",
    });
    // A request that resolved before the removal cannot administer or list the team either.
    await expect(teamMembers(member)).rejects.toMatchObject({ code: "not_found" });
    await expect(authenticateApiKey(`Bearer ${key}`)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await ledger()).toBe(before);
    expect((await teamUsage(owner))[person.userId]).toBeGreaterThan(0);
    expect(await db().conversation.count({ where: { id: own.id } })).toBe(1);
  });
});

describeDb("invite-only sign-up", () => {
  it("lets only people with an invite link for their email create an account", async () => {
    const installAdmin = await createTestActor("Ian Installadmin");
    await setUserRole(installAdmin.userId, "ADMIN");
    const { owner } = await team();
    await expect(setSignupMode(owner, "invite-only")).rejects.toMatchObject({ code: "not_found" });
    const before = await signupMode();
    await setSignupMode(installAdmin, "invite-only");
    try {
      const suffix = Date.now().toString(36);
      const person = { name: "New Person", password: "correct horse battery" };
      await expect(registerUser({ ...person, email: `walk-in-${suffix}@example.test` })).rejects.toMatchObject({
        code: "forbidden",
      });
      const email = `invited-${suffix}@example.test`;
      const { url } = await createInvite(owner, { email }, ORIGIN);
      await expect(
        registerUser({ ...person, email: `someone-else-${suffix}@example.test`, invite: tokenOf(url) }),
      ).rejects.toMatchObject({ code: "forbidden" });
      expect(await maySignUp(email, "oauth")).toBe(true);
      expect(await maySignUp(`nobody-${suffix}@example.test`, "oauth")).toBe(false);

      const { user, joinedWorkspaceId } = await registerUser({ ...person, email, invite: tokenOf(url) });
      expect(joinedWorkspaceId).toBe(owner.workspaceId);
      expect((await resolveSessionActor(user.id, owner.workspaceId))?.workspace).toMatchObject({ role: "MEMBER" });
      // The link is spent: it cannot let a second person in.
      await expect(
        registerUser({ ...person, email: `second-${suffix}@example.test`, invite: tokenOf(url) }),
      ).rejects.toMatchObject({ code: "forbidden" });
    } finally {
      await setSignupMode(installAdmin, before);
    }
  });
});
