import { z } from "zod";
import { EmailSchema, parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canAcceptInvite, canAdministerTeam } from "@/lib/auth/policy";
import { hashLinkToken, isLinkTokenShape, newLinkToken } from "@/lib/auth/tokens";
import { INVITE_ROLES, type InviteRole } from "@/lib/db/enums";
import {
  acceptInviteFor,
  findInviteByHash,
  type InviteRecord,
  type InviteRow,
  insertInvite,
  listOpenInvites,
  revokeInvite as revokeInviteRow,
} from "@/lib/db/invites";
import { listMembers } from "@/lib/db/teams";
import { findActiveUser, findUserName } from "@/lib/db/users";
import { AppError, notFound } from "@/lib/errors";
import { membershipOf, refusal } from "./access";
import { type InviteEmailOutcome, sendInviteEmail } from "./mail";

/**
 * Invitations: an owner or admin invites an email address; the link (`/invite/<token>`) is shown
 * to copy and, when SMTP is configured, emailed. It expires, works once, and only for an account
 * with that email address: signed in, or registering through it.
 */

export const INVITE_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const InviteInputSchema = z.object({
  email: EmailSchema,
  role: z.enum(INVITE_ROLES, { error: "Invite as admin or member" }).default("MEMBER"),
});

export interface InviteView {
  id: string;
  email: string;
  role: InviteRole;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

function toView(row: InviteRow, now: number): InviteView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt.getTime() <= now,
  };
}

export interface CreatedInvite {
  invite: InviteView;
  /** The link with its token: shown this once; only its hash is stored. */
  url: string;
  email: InviteEmailOutcome;
}

/** `origin` is where people reach this server (the link is built on it). */
export async function createInvite(
  actor: Actor,
  input: { email: unknown; role?: unknown },
  origin: string,
  now = new Date(),
): Promise<CreatedInvite> {
  const m = await membershipOf(actor);
  if (!m || !canAdministerTeam(actor, m)) throw refusal(m, "Only owners and admins invite people");
  const data = parseInput(InviteInputSchema, input);
  if ((await listMembers(actor.workspaceId)).some((member) => member.email === data.email)) {
    throw new AppError("conflict", `${data.email} is already a member of this team`);
  }
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * DAY_MS);
  const row = await insertInvite({
    workspaceId: actor.workspaceId,
    email: data.email,
    role: data.role,
    tokenHash: hash,
    invitedById: actor.userId,
    expiresAt,
  });
  const url = `${origin}/invite/${token}`;
  const email = await sendInviteEmail({
    to: data.email,
    teamName: m.name,
    inviterName: (await findUserName(actor.userId)) ?? "A teammate",
    url,
    expiresAt,
  });
  return { invite: toView(row, now.getTime()), url, email };
}

/** The team's open invites, for its owners and admins. */
export async function listInvites(actor: Actor): Promise<InviteView[]> {
  const m = await membershipOf(actor);
  if (!m || !canAdministerTeam(actor, m)) throw refusal(m, "Only owners and admins see invites");
  const now = Date.now();
  return (await listOpenInvites(actor.workspaceId)).map((row) => toView(row, now));
}

const InviteIdSchema = z.string({ error: "Invite not found" }).trim().min(1, "Invite not found").max(64);

export async function revokeInvite(actor: Actor, inviteId: unknown): Promise<void> {
  const id = parseInput(InviteIdSchema, inviteId);
  const m = await membershipOf(actor);
  if (!m || !canAdministerTeam(actor, m)) throw refusal(m, "Only owners and admins revoke invites");
  if (!(await revokeInviteRow(id, actor.workspaceId))) throw notFound("Invite not found");
}

export type InviteState = "open" | "expired" | "used";

/** What the invite page shows to whoever holds the link. */
export interface InviteDetails {
  teamName: string;
  inviterName: string;
  email: string;
  role: InviteRole;
  state: InviteState;
}

async function findByToken(token: unknown): Promise<InviteRecord | null> {
  return isLinkTokenShape(token) ? findInviteByHash(hashLinkToken(token)) : null;
}

function stateOf(invite: InviteRecord, now: Date): InviteState {
  if (invite.acceptedAt || invite.revokedAt) return "used";
  return invite.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
}

/** The invite behind a link (null: no such link, or revoked: those look alike). */
export async function describeInvite(token: unknown, now = new Date()): Promise<InviteDetails | null> {
  const invite = await findByToken(token);
  if (!invite || invite.revokedAt) return null;
  return {
    teamName: invite.workspaceName,
    inviterName: (await findUserName(invite.invitedById)) ?? "A teammate",
    email: invite.email,
    role: invite.role,
    state: stateOf(invite, now),
  };
}

const UNUSABLE: Record<Exclude<InviteState, "open">, string> = {
  expired: "This invitation has expired. Ask for a new one.",
  used: "This invitation has already been used.",
};

/** Joins the team through the link; returns the team to switch to. */
export async function acceptInvite(actor: Actor, token: unknown, now = new Date()): Promise<{ workspaceId: string }> {
  const user = await findActiveUser(actor.userId);
  if (actor.via !== "session" || !user) throw notFound("Invitation not found");
  return joinThroughInvite(user, token, now);
}

/** Accepting, for a signed-in user or one who has just registered through the link. */
export async function joinThroughInvite(
  user: { id: string; email: string },
  token: unknown,
  now = new Date(),
): Promise<{ workspaceId: string }> {
  const invite = await findByToken(token);
  if (!invite || invite.revokedAt) throw notFound("Invitation not found");
  if (!canAcceptInvite(user, invite)) {
    throw new AppError("forbidden", "This invitation was sent to another email address");
  }
  const state = stateOf(invite, now);
  if (state !== "open") throw new AppError("conflict", UNUSABLE[state]);
  if (!(await acceptInviteFor(invite, user.id, now))) throw new AppError("conflict", UNUSABLE.used);
  return { workspaceId: invite.workspaceId };
}

/**
 * Whether `token` is an open invite for `email`: the condition for signing up when sign-up is
 * invite-only.
 */
export async function isOpenInviteFor(token: unknown, email: string, now = new Date()): Promise<boolean> {
  const invite = await findByToken(token);
  return Boolean(invite && stateOf(invite, now) === "open" && canAcceptInvite({ email }, invite));
}
