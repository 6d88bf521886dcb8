import { db } from "./client";

/** One-time password reset links. Only the SHA-256 of a link's token is stored. */

export type ResetOrigin = "ADMIN" | "EMAIL";

/** Stores a new link; the user's earlier unused links stop working (the newest one counts). */
export async function insertPasswordReset(input: {
  userId: string;
  tokenHash: string;
  origin: ResetOrigin;
  expiresAt: Date;
}): Promise<void> {
  await db().$transaction([
    db().passwordResetToken.updateMany({
      where: { userId: input.userId, usedAt: null },
      data: { usedAt: new Date() },
    }),
    db().passwordResetToken.create({ data: input }),
  ]);
}

/** The account an unused, unexpired, enabled-user link resets, or null. */
export async function findUsablePasswordReset(
  tokenHash: string,
  now = new Date(),
): Promise<{ userId: string; email: string } | null> {
  const row = await db().passwordResetToken.findFirst({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: { userId: true, user: { select: { email: true } } },
  });
  return row ? { userId: row.userId, email: row.user.email } : null;
}

/**
 * Uses the link once: marks it used and sets the password in one transaction. False when the
 * link was used (a concurrent request won), expired or never existed.
 */
export async function consumePasswordReset(
  tokenHash: string,
  passwordHash: string,
  now = new Date(),
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findFirst({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
      select: { id: true, userId: true },
    });
    if (!row) return false;
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) return false;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    return true;
  });
}
