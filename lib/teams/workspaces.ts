import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canCreateTeam, canEnterWorkspace } from "@/lib/auth/policy";
import { createTeamWorkspace, findMembership, listMemberships } from "@/lib/db/teams";
import type { WorkspaceMembership } from "@/lib/db/users";
import { AppError, notFound } from "@/lib/errors";

/** Team workspaces: creating one, and choosing which workspace the browser acts in. */

export const TeamNameSchema = z
  .string({ error: "Name the team" })
  .trim()
  .min(1, "Name the team")
  .max(60, "A team name has at most 60 characters");

/** Creates a team owned by the actor. */
export async function createTeam(actor: Actor, name: unknown): Promise<{ workspaceId: string }> {
  if (!canCreateTeam(actor)) throw new AppError("forbidden", "Teams are created in the browser");
  const { id } = await createTeamWorkspace({ name: parseInput(TeamNameSchema, name), ownerId: actor.userId });
  return { workspaceId: id };
}

/** The workspaces the actor's user belongs to, for the switcher. */
export async function listMyWorkspaces(actor: Actor): Promise<WorkspaceMembership[]> {
  return listMemberships(actor.userId);
}

const WorkspaceIdSchema = z.string({ error: "Workspace not found" }).trim().min(1).max(64);

/** Checks the switcher's choice: only a workspace the user belongs to can be entered. */
export async function enterWorkspace(actor: Actor, workspaceId: unknown): Promise<{ workspaceId: string }> {
  const id = parseInput(WorkspaceIdSchema, workspaceId);
  const membership = await findMembership(id, actor.userId);
  if (!canEnterWorkspace(actor, membership)) throw notFound("Workspace not found");
  return { workspaceId: id };
}
