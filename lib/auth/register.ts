import { z } from "zod";
import { createUserWithWorkspace, findUserByEmail, type UserRecord } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { joinThroughInvite } from "@/lib/teams/invites";
import { hashPassword, verifyPassword } from "./password";
import { maySignUp } from "./signup";

export const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(200),
});

/** The rules of a password someone chooses (registration, change, reset). */
export const NewPasswordSchema = z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters");

export const NameSchema = z.string().trim().min(1, "Enter your name").max(80, "Use at most 80 characters");

export const RegistrationSchema = z.object({
  name: NameSchema,
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: NewPasswordSchema,
  /** The token of the invite link the person registers through, if any. */
  invite: z.string().max(100).optional(),
});

export const INVITE_ONLY_MESSAGE = "Sign-up is by invitation only. Ask a team owner for an invite link.";

/** Creates the account; registering through an invite link also joins that team. */
export async function registerUser(
  input: z.infer<typeof RegistrationSchema>,
): Promise<{ user: UserRecord; joinedWorkspaceId: string | null }> {
  if (await findUserByEmail(input.email)) {
    throw new AppError("conflict", "An account with this email already exists");
  }
  const inviteToken = input.invite || null;
  if (!(await maySignUp(input.email, { inviteToken }))) throw new AppError("forbidden", INVITE_ONLY_MESSAGE);
  const user = await createUserWithWorkspace({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
  });
  // With open sign-up a stale invite does not stand in the way of the account.
  const joined = inviteToken ? await joinThroughInvite(user, inviteToken).catch(() => null) : null;
  return { user, joinedWorkspaceId: joined?.workspaceId ?? null };
}

export type CredentialsCheck = { ok: true; user: UserRecord } | { ok: false; reason: "wrong" | "disabled" };

/**
 * Whether these credentials sign someone in. A disabled account is named as such only to whoever
 * gave its password: anyone else learns nothing about it.
 */
export async function checkCredentials(email: string, password: string): Promise<CredentialsCheck> {
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user) return { ok: false, reason: "wrong" };
  return user.disabledAt ? { ok: false, reason: "disabled" } : { ok: true, user };
}
