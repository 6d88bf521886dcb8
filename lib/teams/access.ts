import type { Actor } from "@/lib/auth/actor";
import type { MembershipRef } from "@/lib/auth/policy";
import { findMembership } from "@/lib/db/teams";
import type { WorkspaceMembership } from "@/lib/db/users";
import { AppError, notFound } from "@/lib/errors";

/**
 * The actor's membership in the workspace they act in, read fresh: team operations decide on
 * this, not on what the request believed when it started.
 */
export function membershipOf(actor: Actor): Promise<WorkspaceMembership | null> {
  return findMembership(actor.workspaceId, actor.userId);
}

/**
 * The refusal for a team operation: people outside the team learn nothing of it (404, like any
 * resource that is not theirs); members are told what they lack (403).
 */
export function refusal(m: MembershipRef | null, message: string): AppError {
  return m?.kind === "TEAM" ? new AppError("forbidden", message) : notFound("Team not found");
}
