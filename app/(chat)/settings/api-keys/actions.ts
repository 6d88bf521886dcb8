"use server";

import { revalidatePath } from "next/cache";
import { type ApiKeyView, createKeyFor, revokeKeyFor } from "@/lib/admin/keys";
import { requireActor } from "@/lib/auth/session";
import { toAppError } from "@/lib/errors";

/**
 * The Settings → API keys page's actions. Each one resolves the signed-in actor itself and acts
 * only on that actor's own keys in the actor's workspace: ids from the browser are never trusted
 * to name someone else's key.
 */

export type CreateKeyState =
  | { status: "idle" }
  /** `values` are the submitted ones, so the form keeps them. */
  | { status: "error"; error: string; field: KeyField | null; values: Record<KeyField, string> }
  /** `key` is the full key: sent to the browser this once, never stored in plain text. */
  | { status: "created"; key: string; view: ApiKeyView };

export type KeyField = "name" | "expiresInDays";

export type RevokeKeyResult = { ok: true } | { ok: false; error: string };

const PAGE = "/settings/api-keys";

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

export async function createApiKeyAction(_prev: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const values = { name: field(formData, "name") ?? "", expiresInDays: field(formData, "expiresInDays") ?? "" };
  try {
    const actor = await requireActor();
    const { key, view } = await createKeyFor(actor, values);
    revalidatePath(PAGE);
    return { status: "created", key, view };
  } catch (error) {
    const e = toAppError(error, "Could not create the key");
    const field = e.details.field === "name" || e.details.field === "expiresInDays" ? e.details.field : null;
    return { status: "error", error: e.message, field, values };
  }
}

export async function revokeApiKeyAction(id: string): Promise<RevokeKeyResult> {
  try {
    const actor = await requireActor();
    await revokeKeyFor(actor, id);
    revalidatePath(PAGE);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toAppError(error, "Could not revoke the key").message };
  }
}
