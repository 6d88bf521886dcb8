import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canViewTeam } from "@/lib/auth/policy";
import { listTeamShared } from "@/lib/db/shares";
import { notFound } from "@/lib/errors";
import { membershipOf } from "@/lib/teams/access";

export const SHARED_PAGE_SIZE = 30;

const SharedQuerySchema = z.object({
  query: z.string().trim().max(200, "Search for at most 200 characters").default(""),
  cursor: z.string().max(200).nullish(),
});

export interface SharedItem {
  id: string;
  title: string;
  sharedBy: string;
  sharedAt: string;
  /** Shared by the reader themselves. */
  mine: boolean;
}

/**
 * The "Shared with the team" list: the conversations of the actor's team with team visibility,
 * newest share first, searchable by title or by who shared it. 404 outside a team.
 */
export async function listSharedWithTeam(
  actor: Actor,
  input: { query?: unknown; cursor?: unknown },
): Promise<{ items: SharedItem[]; nextCursor: string | null }> {
  const { query, cursor } = parseInput(SharedQuerySchema, input);
  const m = await membershipOf(actor);
  if (!canViewTeam(actor, m)) throw notFound("Team not found");
  const page = await listTeamShared({
    workspaceId: actor.workspaceId,
    query,
    cursor: cursor ?? null,
    limit: SHARED_PAGE_SIZE,
  });
  return {
    items: page.items.map((item) => ({
      id: item.id,
      title: item.title,
      sharedBy: item.ownerName,
      sharedAt: item.sharedAt.toISOString(),
      mine: item.ownerId === actor.userId,
    })),
    nextCursor: page.nextCursor,
  };
}
