"use server";

import { redirect } from "next/navigation";
import { actInWorkspace, requireActor } from "@/lib/auth/session";
import { type ActionResult, actionResult } from "@/lib/http/action-result";
import { acceptInvite } from "@/lib/teams/invites";

/** Joins the team and switches to it. */
export async function acceptInviteAction(token: string): Promise<ActionResult> {
  const result = await actionResult(async () => acceptInvite(await requireActor(), token), "Could not join the team");
  if (!result.ok) return result;
  await actInWorkspace(result.workspaceId);
  redirect("/");
}
