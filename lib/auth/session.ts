import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./config";
import { mustBeSignedIn, resolveSessionActor, type SessionActor, WORKSPACE_COOKIE } from "./session-actor";

export type { SessionActor } from "./session-actor";

/**
 * The signed-in user, read fresh from the database on every request, so that a disabled or
 * deleted user, or a member removed from a team, loses access at once even though the JWT is
 * still valid. Once per request: a page's layouts and the page itself each ask (four times for a
 * conversation), and each answer cost a session decryption and a query. React's cache holds it
 * for one server render only; route handlers and server actions read it afresh on every call.
 */
export const currentActor = cache(async (): Promise<SessionActor | null> => {
  const session = await auth();
  const requested = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  return resolveSessionActor(session?.user?.id ?? null, requested);
});

/** For route handlers and server actions. */
export async function requireActor(): Promise<SessionActor> {
  return mustBeSignedIn(await currentActor());
}

/** For pages: send anonymous visitors to the sign-in page. */
export async function requirePageActor(): Promise<SessionActor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}

/**
 * Remembers which workspace the browser acts in (null: back to the personal one). Callers have
 * checked the membership; currentActor() checks it again on every request anyway.
 */
export async function actInWorkspace(workspaceId: string | null): Promise<void> {
  const jar = await cookies();
  if (workspaceId === null) jar.delete(WORKSPACE_COOKIE);
  else
    jar.set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
}
