"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requestOrigin } from "@/components/docs/origin";
import { createResetLinkAs } from "@/lib/account/password-reset";
import { setDisabledAs, setMemberQuotaAs, setRoleAs, setWorkspaceQuotaAs } from "@/lib/admin/user-management";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { type ActionResult, actionResult } from "@/lib/http/action-result";

/** What a form shows after its action: a confirmation or the reason it was refused. */
export interface ActionState {
  ok?: string;
  error?: string;
}

async function run(done: string, change: () => Promise<void>): Promise<ActionState> {
  try {
    await change();
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  revalidatePath("/admin/users", "layout");
  return { ok: done };
}

export async function setRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return run("Role saved", () => setRoleAs(actor, form.get("userId"), form.get("role")));
}

export async function setDisabledAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const disable = form.get("disable") === "1";
  return run(disable ? "User disabled" : "User enabled", () => setDisabledAs(actor, form.get("userId"), disable));
}

export async function setWorkspaceQuotaAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return run("Workspace quota saved", () => setWorkspaceQuotaAs(actor, form.get("workspaceId"), form.get("tokens")));
}

export async function setMemberQuotaAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return run("Member quota saved", () =>
    setMemberQuotaAs(actor, form.get("workspaceId"), form.get("userId"), form.get("tokens")),
  );
}

export type ResetLinkState =
  | { status: "idle" }
  | ({ status: "done" } & ActionResult<{ url: string; expiresAt: string }>);

/** "Reset password": a one-time link shown to the admin to copy and pass on. */
export async function createResetLinkAction(_prev: ResetLinkState, form: FormData): Promise<ResetLinkState> {
  const result = await actionResult(async () => {
    const link = await createResetLinkAs(await requireActor(), form.get("userId"), requestOrigin(await headers()));
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }, "Could not create the link");
  return { status: "done", ...result };
}
