import { redirect } from "next/navigation";
import { findActiveUser, type UserRecord } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { auth } from "./config";

export interface SessionActor extends Actor {
  user: UserRecord;
}

/**
 * The signed-in user, read fresh from the database on every request, so that a disabled or
 * deleted user loses access at once even though the JWT is still valid.
 */
export async function currentActor(): Promise<SessionActor | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await findActiveUser(userId);
  if (!user) return null;
  const { workspaceId, ...record } = user;
  return { userId: user.id, workspaceId, via: "session", user: record };
}

/** For route handlers and server actions. */
export async function requireActor(): Promise<SessionActor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue");
  return actor;
}

/** For pages: send anonymous visitors to the sign-in page. */
export async function requirePageActor(): Promise<SessionActor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
