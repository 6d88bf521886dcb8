import type { Actor } from "@/lib/auth/actor";
import { authenticateApiKey, createApiKey } from "@/lib/auth/api-keys";
import { resolveSessionActor, type SessionActor } from "@/lib/auth/session-actor";
import { textParts } from "@/lib/chat/parts";
import { startChat } from "@/lib/chat/pipeline";
import { setUserRole } from "@/lib/db/admin";
import { publishSnapshot, revokePublicLink } from "@/lib/sharing/public-links";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { acceptInvite, createInvite } from "@/lib/teams/invites";
import { removeMember } from "@/lib/teams/members";
import { createTeam } from "@/lib/teams/workspaces";
import { collect, createTestActor } from "./fixtures";

/**
 * A team as the authorization tests need it, built through the product's own operations:
 * "Acme" with an owner, an admin and two members; a member who was removed; someone who owns
 * another team; the install's admin (who is in no team); an API key of the other team.
 */

export const ORIGIN = "http://spj.test";
export const ACTOR_KINDS = [
  "owner",
  "admin",
  "member",
  "otherWorkspace",
  "removed",
  "anonymous",
  "otherWorkspaceKey",
  "installAdmin",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** Acts as `user` with the workspace switcher set to `workspaceId`, exactly as a request would. */
async function actingIn(userId: string, workspaceId: string): Promise<SessionActor> {
  const actor = await resolveSessionActor(userId, workspaceId);
  if (!actor) throw new Error("test user could not act");
  return actor;
}

/** Joins `workspaceId` through an invite from `inviter`, as the invite link does. */
export async function joinTeam(inviter: Actor, user: Actor & { email: string }, role: "ADMIN" | "MEMBER" = "MEMBER") {
  const { url } = await createInvite(inviter, { email: user.email, role }, ORIGIN);
  await acceptInvite(user, tokenOf(url));
}

/**
 * A saved conversation of `actor`: one question answered through the chat pipeline (needs
 * `withLocalUpstream()` in the test file), which also leaves its row in the usage ledger.
 */
export async function seedConversation(actor: Actor, question: string): Promise<{ id: string }> {
  const run = await startChat({ actor, messages: [{ role: "user", parts: textParts(question) }] });
  const { outcome } = await collect(run);
  if (outcome.status !== "COMPLETE") throw new Error(`seeding "${question}" ended ${outcome.status}`);
  return { id: run.conversationId };
}

export async function buildTeamScene() {
  const people = {
    owner: await createTestActor("Olivia Owner"),
    admin: await createTestActor("Adam Admin"),
    member: await createTestActor("Mia Member"),
    /** A member no actor is: the target of changes made to "someone else". */
    colleague: await createTestActor("Cleo Colleague"),
    removed: await createTestActor("Rex Removed"),
    outsider: await createTestActor("Otto Outsider"),
    installAdmin: await createTestActor("Ian Installadmin"),
  };
  // Whoever registered first in the test database is its admin; only this one should be.
  for (const person of Object.values(people)) await setUserRole(person.userId, "USER");
  await setUserRole(people.installAdmin.userId, "ADMIN");

  const { workspaceId: teamId } = await createTeam(people.owner, "Acme");
  const owner = await actingIn(people.owner.userId, teamId);
  await joinTeam(owner, people.admin, "ADMIN");
  await joinTeam(owner, people.member);
  await joinTeam(owner, people.colleague);
  await joinTeam(owner, people.removed);

  const { workspaceId: otherTeamId } = await createTeam(people.outsider, "Other");
  const { key: otherKey } = await createApiKey({
    workspaceId: otherTeamId,
    userId: people.outsider.userId,
    name: "other",
    expiresAt: null,
  });
  const { record: ownerKey } = await createApiKey({
    workspaceId: teamId,
    userId: people.owner.userId,
    name: "owner's",
    expiresAt: null,
  });

  const shared = await seedConversation(owner, "Launch plan for Q3");
  await setConversationVisibility(owner, { conversationId: shared.id, visibility: "TEAM" });
  const privateChat = await seedConversation(owner, "Salary notes, private");
  const liveLink = await publishSnapshot(owner, shared.id, ORIGIN);
  const revokedLink = await publishSnapshot(owner, privateChat.id, ORIGIN);
  await revokePublicLink(owner, privateChat.id);
  const pendingEmail = `pending-${teamId}@example.test`;
  const pending = await createInvite(owner, { email: pendingEmail }, ORIGIN);

  const removedActor = await actingIn(people.removed.userId, teamId);
  await removeMember(owner, people.removed.userId);

  /** Each actor as its door resolves it now (null: the door refuses before any operation). */
  const actors: Record<ActorKind, Actor | null> = {
    owner: await actingIn(people.owner.userId, teamId),
    admin: await actingIn(people.admin.userId, teamId),
    member: await actingIn(people.member.userId, teamId),
    otherWorkspace: await actingIn(people.outsider.userId, otherTeamId),
    // Still holding the team in the workspace switcher's cookie.
    removed: await resolveSessionActor(people.removed.userId, teamId),
    anonymous: await resolveSessionActor(null, teamId),
    otherWorkspaceKey: await authenticateApiKey(`Bearer ${otherKey}`),
    installAdmin: await actingIn(people.installAdmin.userId, teamId),
  };

  return {
    people,
    actors,
    /** The removed member as they were while still in the team (a request begun before removal). */
    staleRemoved: removedActor,
    teamId,
    otherTeamId,
    shared,
    privateChat,
    liveToken: tokenOf(liveLink.url),
    revokedToken: tokenOf(revokedLink.url),
    pendingEmail,
    pendingInviteId: pending.invite.id,
    pendingToken: tokenOf(pending.url),
    ownerKeyId: ownerKey.id,
  };
}

export type TeamScene = Awaited<ReturnType<typeof buildTeamScene>>;
