import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { canManageOwnAccount } from "@/lib/auth/policy";
import { NameSchema, NewPasswordSchema } from "@/lib/auth/register";
import { endAllSessions } from "@/lib/auth/session-version";
import { findPasswordHash, setPasswordHash, setUserName } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

/**
 * The profile page's changes. Each acts on the signed-in user's own account only (the actor is
 * the session's; no id comes from the browser), so the policy's question is only "signed in?".
 */
type AccountActor = Pick<Actor, "userId" | "via">;

function ownAccount(actor: AccountActor): string {
  if (!canManageOwnAccount(actor)) throw new AppError("forbidden", "Not allowed");
  return actor.userId;
}

export async function changeName(actor: AccountActor, name: unknown): Promise<{ name: string }> {
  const userId = ownAccount(actor);
  const parsed = parseInput(NameSchema, name);
  await setUserName(userId, parsed);
  return { name: parsed };
}

const ChangePasswordSchema = z.object({
  current: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
  next: NewPasswordSchema,
});

/**
 * Needs the current password: a session left open on a shared computer cannot take over the
 * account. Every session ends (a thief's too); the door signs the person back in with the new one.
 */
export async function changePassword(actor: AccountActor, input: { current: unknown; next: unknown }): Promise<void> {
  const userId = ownAccount(actor);
  const { current, next } = parseInput(ChangePasswordSchema, input);
  const stored = await findPasswordHash(userId);
  if (!stored) {
    throw new AppError("invalid_request", "This account signs in with another provider and has no password here");
  }
  if (!(await verifyPassword(stored, current))) {
    throw new AppError("invalid_request", "Your current password is not right", { field: "current" });
  }
  await setPasswordHash(userId, await hashPassword(next));
  await endAllSessions(userId);
}

/** "Sign out everywhere": every session of the account ends, this one included. */
export async function signOutEverywhere(actor: AccountActor): Promise<void> {
  await endAllSessions(ownAccount(actor));
}

/** Whether the account has a password to change (OAuth-only accounts do not). */
export async function hasPassword(actor: AccountActor): Promise<boolean> {
  return (await findPasswordHash(ownAccount(actor))) !== null;
}
