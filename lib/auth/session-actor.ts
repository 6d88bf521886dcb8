import { findSessionUser, type UserRecord, type WorkspaceMembership } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";

/**
 * How a browser session becomes an Actor, without Next's request APIs (lib/auth/session.ts
 * reads the session and the cookie and calls this), so tests resolve real actors the same way.
 */

/** The workspace switcher's choice. Only a hint: it is checked against the memberships on every request. */
export const WORKSPACE_COOKIE = "spj_workspace";

export interface SessionActor extends Actor {
  via: "session";
  user: UserRecord;
  /** The workspace the request acts in, and the user's role there. */
  workspace: WorkspaceMembership;
}

/**
 * The user, read fresh from the database, acting in the workspace they chose if they are still
 * a member of it, else in their personal workspace. Null for anonymous, disabled or deleted users.
 */
export async function resolveSessionActor(
  userId: string | null,
  requestedWorkspaceId: string | null,
): Promise<SessionActor | null> {
  if (!userId) return null;
  const found = await findSessionUser(userId, requestedWorkspaceId);
  if (!found) return null;
  return {
    userId,
    workspaceId: found.membership.workspaceId,
    via: "session",
    user: found.user,
    workspace: found.membership,
  };
}

/** What every signed-in door does first: no actor, no entry (401). */
export function mustBeSignedIn<T>(actor: T | null): T {
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue");
  return actor;
}
