import { db } from "./client";
import type { MemberRole } from "./enums";

export interface WorkspaceLimits {
  plan: string;
  /** The workspace's monthly token quota override, or null for the plan's. */
  tokenQuota: number | null;
  /** The member's own monthly cap in this workspace, or null. */
  memberTokenQuota: number | null;
  role: MemberRole;
}

/** The member's role and the limits that apply to them in a workspace; null if not a member. */
export async function findMemberLimits(workspaceId: string, userId: string): Promise<WorkspaceLimits | null> {
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, tokenQuota: true, workspace: { select: { plan: true, tokenQuota: true } } },
  });
  if (!membership) return null;
  return {
    plan: membership.workspace.plan,
    tokenQuota: membership.workspace.tokenQuota,
    memberTokenQuota: membership.tokenQuota,
    role: membership.role as MemberRole,
  };
}
