"use server";

import { auth, signOut } from "@/lib/auth/config";
import { endAllSessions } from "@/lib/auth/session-version";

/**
 * Signing out ends the user's sessions (session-version.ts): a copy of the cookie kept anywhere
 * stops working too, not only the one this browser drops.
 */
export async function signOutAction(): Promise<void> {
  const userId = (await auth())?.user?.id;
  if (userId) await endAllSessions(userId);
  await signOut({ redirectTo: "/sign-in" });
}
