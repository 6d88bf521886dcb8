import type { MemberRole, UserRole, WorkspaceKind } from "@/lib/db/enums";
import type { Actor } from "./actor";

/**
 * The one place that decides who may do what to which resource: conversations and their
 * messages, public links, team memberships and invites, API keys, usage records. Every door
 * (pages, route handlers, server actions, the public API) reaches these through an operation in
 * lib/ that loads the facts and asks here. Callers turn a `false` into a 404, so not-yours and
 * not-found look the same.
 *
 * Decisions are synchronous and take facts, never queries: the chat pipeline asks
 * canWriteConversation on the API's time-to-first-byte path.
 */

interface ConversationRef {
  workspaceId: string;
  ownerId: string;
  visibility: string;
}

/**
 * The actor's own membership in `actor.workspaceId`, read fresh by the operation (null: not a
 * member, e.g. removed since the request began).
 */
export interface MembershipRef {
  role: MemberRole;
  kind: WorkspaceKind;
}

const inWorkspace = (actor: Actor, ref: { workspaceId: string }) => ref.workspaceId === actor.workspaceId;
// Sharing, forking and team administration are things people do in the browser; an API key
// only chats (in its own workspace, with its creator's role).
const inBrowser = (actor: Pick<Actor, "via">) => actor.via === "session";
const isTeamAdmin = (m: MembershipRef | null) => m?.kind === "TEAM" && (m.role === "OWNER" || m.role === "ADMIN");

// Conversations and their messages.

export function canReadConversation(actor: Actor, conversation: ConversationRef): boolean {
  if (!inWorkspace(actor, conversation)) return false;
  return conversation.ownerId === actor.userId || conversation.visibility === "TEAM";
}

/**
 * canReadConversation restated as a filter, for reads over many conversations at once (search),
 * where asking per row would mean loading everything first: the conversations in `workspaceId`
 * that `ownerId` owns or whose visibility is `sharedVisibility`. readable-conversations.db.test.ts
 * runs the real queries (lib/db/search.ts) against it on both databases; callers still pass each row they return through canReadConversation.
 */
export interface ReadableConversations {
  workspaceId: string;
  ownerId: string;
  sharedVisibility: "TEAM";
}

export function readableConversations(actor: Actor): ReadableConversations {
  return { workspaceId: actor.workspaceId, ownerId: actor.userId, sharedVisibility: "TEAM" };
}

/** Posting into a conversation (and its answers) is its owner's alone. */
export function canWriteConversation(actor: Actor, conversation: ConversationRef): boolean {
  return inWorkspace(actor, conversation) && conversation.ownerId === actor.userId;
}

/** "Continue in my own copy": whoever may read it may copy it into a private conversation of theirs. */
export function canForkConversation(actor: Actor, conversation: ConversationRef): boolean {
  return inBrowser(actor) && canReadConversation(actor, conversation);
}

/** Visibility and public links are the owner's. */
export function canShareConversation(actor: Actor, conversation: ConversationRef): boolean {
  return inBrowser(actor) && canWriteConversation(actor, conversation);
}

/** Team visibility needs a team: a personal workspace has no one to share with. */
export function canShareWithTeam(actor: Actor, conversation: ConversationRef, kind: WorkspaceKind): boolean {
  return kind === "TEAM" && canShareConversation(actor, conversation);
}

/** A leaked public link can be stopped by its owner and by the team's owners and admins. */
export function canRevokePublicLink(actor: Actor, conversation: ConversationRef, m: MembershipRef | null): boolean {
  if (canShareConversation(actor, conversation)) return true;
  return inBrowser(actor) && inWorkspace(actor, conversation) && isTeamAdmin(m);
}

// Files (lib/files): readable exactly by whoever may read a message holding them; before it is
// sent, by its uploader alone. A public snapshot's files are read through its link (no actor).

/** Attaching is done in the browser's composer; an API key sends images inline instead. */
export function canUploadFile(actor: Pick<Actor, "via">): boolean {
  return inBrowser(actor);
}

/** `holder`: a conversation holding the file that the actor's readable filter found, if any. */
export function canReadFile(
  actor: Actor,
  file: { workspaceId: string; ownerId: string },
  holder: ConversationRef | null,
): boolean {
  if (holder && canReadConversation(actor, holder)) return true;
  return inBrowser(actor) && inWorkspace(actor, file) && file.ownerId === actor.userId;
}

// Teams: memberships and invites. Each acts in the actor's current workspace.

/** Members see the team: its member list and the conversations shared with it. */
export function canViewTeam(actor: Actor, m: MembershipRef | null): boolean {
  return inBrowser(actor) && m?.kind === "TEAM";
}

/** Invites, roles, removals and the team's usage: owners and admins. */
export function canAdministerTeam(actor: Actor, m: MembershipRef | null): boolean {
  return inBrowser(actor) && isTeamAdmin(m);
}

/** Admins manage admins and members; only owners touch ownership. */
export function canChangeRole(
  actor: Actor,
  m: MembershipRef | null,
  target: { role: MemberRole },
  next: MemberRole,
): boolean {
  if (!canAdministerTeam(actor, m)) return false;
  return m?.role === "OWNER" || (target.role !== "OWNER" && next !== "OWNER");
}

/** Leaving is everyone's right; removing others follows the same rule as changing their role. */
export function canRemoveMember(
  actor: Actor,
  m: MembershipRef | null,
  target: { userId: string; role: MemberRole },
): boolean {
  if (target.userId === actor.userId) return inBrowser(actor) && m?.kind === "TEAM";
  return canAdministerTeam(actor, m) && (m?.role === "OWNER" || target.role !== "OWNER");
}

/** Anyone signed in may start a team (and becomes its owner). */
export function canCreateTeam(actor: Actor): boolean {
  return inBrowser(actor);
}

/** The workspace switcher only enters workspaces the user belongs to. */
export function canEnterWorkspace(actor: Actor, membership: MembershipRef | null): boolean {
  return inBrowser(actor) && membership !== null;
}

/** An invite is accepted by the person it was sent to: the account's email must match. */
export function canAcceptInvite(user: { email: string }, invite: { email: string }): boolean {
  return user.email.toLowerCase() === invite.email.toLowerCase();
}

// API keys: each member manages their own keys in the workspace they act in. (Using a key is
// decided in lib/auth/api-keys.ts: it acts with its creator's membership, and none is no entry.)

export function canManageApiKey(
  holder: { workspaceId: string; userId: string },
  key: { workspaceId: string; userId: string },
): boolean {
  return key.workspaceId === holder.workspaceId && key.userId === holder.userId;
}

// Usage records: your own, or everyone's in a team you administer (userId null: all members).

export function canReadUsage(
  actor: Actor,
  m: MembershipRef | null,
  usage: { workspaceId: string; userId: string | null },
): boolean {
  if (!inWorkspace(actor, usage) || m === null) return false;
  return usage.userId === actor.userId || canAdministerTeam(actor, m);
}

// One's own account: name, password, sessions, "export all". A person's acts in the browser;
// an API key only chats.

export function canManageOwnAccount(actor: Pick<Actor, "via">): boolean {
  return inBrowser(actor);
}

// The install.

/** Install-wide settings (sign-up mode) are the system admin's. */
export function canAdministerInstall(user: { role: UserRole }): boolean {
  return user.role === "ADMIN";
}
