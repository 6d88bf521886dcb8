import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import { hashPassword } from "@/lib/auth/password";
import { canAdministerInstall } from "@/lib/auth/policy";
import { NewPasswordSchema } from "@/lib/auth/register";
import { endAllSessions } from "@/lib/auth/session-version";
import { hashLinkToken, isLinkTokenShape, newLinkToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import type { UserRole } from "@/lib/db/enums";
import {
  consumePasswordReset,
  findUsablePasswordReset,
  insertPasswordReset,
  type ResetOrigin,
} from "@/lib/db/password-resets";
import { findUserByEmail } from "@/lib/db/users";
import { notFound } from "@/lib/errors";
import { mailConfigured, sendMail } from "@/lib/mail";
import { consumeFixedLimit } from "@/lib/usage/rate-limit";

/**
 * One-time password reset links at /reset-password/<token>: an admin makes one for a user and
 * passes it on (admin page or CLI); with SMTP configured, "Forgot password?" emails one. The
 * token is 192 random bits, only its SHA-256 is stored, and it works once, before it expires;
 * the newest link of a user replaces the earlier ones.
 */

const LIFETIME_MS: Record<ResetOrigin, number> = { ADMIN: 24 * 60 * 60 * 1000, EMAIL: 60 * 60 * 1000 };

export interface ResetLink {
  url: string;
  expiresAt: Date;
}

async function issueLink(userId: string, origin: ResetOrigin, siteOrigin: string): Promise<ResetLink> {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + LIFETIME_MS[origin]);
  await insertPasswordReset({ userId, tokenHash: hash, origin, expiresAt });
  return { url: `${siteOrigin}/reset-password/${token}`, expiresAt };
}

const IdSchema = z.string({ error: "Not found" }).trim().min(1, "Not found").max(64, "Not found");

/** The admin user page's "Reset password": a link shown to the install's admin to copy. */
export async function createResetLinkAs(
  actor: { user: { role: UserRole } },
  userId: unknown,
  siteOrigin: string,
): Promise<ResetLink> {
  if (!canAdministerInstall(actor.user)) throw notFound();
  const id = parseInput(IdSchema, userId);
  const user = await db().user.findUnique({ where: { id }, select: { id: true } });
  if (!user) throw notFound("User not found");
  return issueLink(user.id, "ADMIN", siteOrigin);
}

/** The admin CLI's `users reset-password`: whoever runs it operates the install. */
export async function createResetLinkForEmail(
  email: string,
  siteOrigin: string,
): Promise<ResetLink & { email: string }> {
  const user = await findUserByEmail(parseInput(z.string().trim().toLowerCase().pipe(z.email()), email));
  if (!user) throw notFound(`No user with email ${email}`);
  return { ...(await issueLink(user.id, "ADMIN", siteOrigin)), email: user.email };
}

export const FORGOT_PASSWORD_ANSWER =
  "If an account uses this email, a link to reset its password is on its way. It works for one hour.";

/** Per email and per client address, so neither one inbox nor one sender can be flooded. */
const FORGOT_LIMIT = { points: 5, durationSeconds: 15 * 60 };

/**
 * "Forgot password?": emails a one-hour link when the account exists and may sign in. The answer
 * is the same whether or not it does, so the form tells no one who has an account here.
 */
export async function requestPasswordReset(
  input: { email: unknown },
  context: { client: string; siteOrigin: string },
): Promise<string> {
  if (!mailConfigured()) throw notFound();
  const email = parseInput(
    z.string({ error: "Enter your email" }).trim().toLowerCase().pipe(z.email("Enter a valid email address")),
    input.email,
  );
  await consumeFixedLimit("forgot-password", [`email:${email}`, `client:${context.client}`], FORGOT_LIMIT);
  const user = await findUserByEmail(email);
  if (user && !user.disabledAt) {
    const link = await issueLink(user.id, "EMAIL", context.siteOrigin);
    await sendMail({
      to: user.email,
      subject: "Reset your SPJ Chat password",
      text: [
        "Someone (hopefully you) asked to reset the password of your SPJ Chat account.",
        "",
        `Set a new password: ${link.url}`,
        "",
        "The link works once, for one hour. If you did not ask for it, ignore this email: your password stays as it is.",
      ].join("\n"),
    });
  }
  return FORGOT_PASSWORD_ANSWER;
}

/** The reset page: whose password the link sets, or a 404 for a used, expired or unknown link. */
export async function describeResetLink(token: unknown): Promise<{ email: string }> {
  if (!isLinkTokenShape(token)) throw notFound();
  const found = await findUsablePasswordReset(hashLinkToken(token));
  if (!found) throw notFound();
  return { email: found.email };
}

/** Sets the new password, uses the link up and ends every session; a second use is a 404. */
export async function resetPassword(
  token: unknown,
  input: { password: unknown },
): Promise<{ email: string; userId: string }> {
  if (!isLinkTokenShape(token)) throw notFound();
  const tokenHash = hashLinkToken(token);
  const found = await findUsablePasswordReset(tokenHash);
  if (!found) throw notFound();
  const password = parseInput(NewPasswordSchema, input.password);
  if (!(await consumePasswordReset(tokenHash, await hashPassword(password)))) throw notFound();
  // Whoever knew the old password is signed out everywhere.
  await endAllSessions(found.userId);
  return found;
}
