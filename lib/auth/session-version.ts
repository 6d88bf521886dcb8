import { findSessionVersion, raiseSessionVersion } from "@/lib/db/users";
import { redis, subscribe } from "@/lib/redis";

/**
 * Session revocation. Each session token carries the user's session version from when it was
 * signed in; a request whose token carries an older one is signed out. Raising the version
 * (sign-out, "sign out everywhere", disabling, a password change) therefore ends every session
 * the user had, and re-enabling a user does not bring old cookies back.
 *
 * The version is read on every request, so it is cached in the process. With REDIS_URL a raise
 * is published to every instance, which drops its cached copy at once; without Redis (a single
 * instance) the cache lives one second, so a change made elsewhere (the admin CLI) shows within it.
 */
const CHANNEL = "spj:session-version";
const TTL_MS = 1_000;
const TTL_WITH_PUBSUB_MS = 60_000;

interface Cached {
  version: number | null;
  until: number;
}

const holder = globalThis as { spjSessionVersions?: Map<string, Cached>; spjSessionPubSub?: boolean };

function cache(): Map<string, Cached> {
  if (!holder.spjSessionVersions) {
    const versions = new Map<string, Cached>();
    holder.spjSessionVersions = versions;
    holder.spjSessionPubSub = subscribe(CHANNEL, (userId) => versions.delete(userId));
  }
  return holder.spjSessionVersions;
}

function remember(userId: string, version: number | null): void {
  const ttl = holder.spjSessionPubSub ? TTL_WITH_PUBSUB_MS : TTL_MS;
  cache().set(userId, { version, until: Date.now() + ttl });
}

/** The user's current session version (null: no such user), from the cache when fresh. */
export async function sessionVersionOf(userId: string, { fresh = false } = {}): Promise<number | null> {
  const cached = cache().get(userId);
  if (!fresh && cached && cached.until > Date.now()) return cached.version;
  const version = await findSessionVersion(userId);
  remember(userId, version);
  return version;
}

/** Whether a token signed in at `tokenVersion` (absent in tokens from before versions: 0) still holds. */
export async function isSessionCurrent(userId: string, tokenVersion: unknown): Promise<boolean> {
  const version = await sessionVersionOf(userId);
  return version !== null && version === (typeof tokenVersion === "number" ? tokenVersion : 0);
}

/**
 * Ends every session of the user, on every instance: their next request is signed out. For
 * sign-out, "sign out everywhere", disabling a user and a password change.
 */
export async function endAllSessions(userId: string): Promise<void> {
  const version = await raiseSessionVersion(userId);
  remember(userId, version);
  await redis()
    ?.publish(CHANNEL, userId)
    .catch(() => {});
}
