import { randomBytes } from "node:crypto";
import { E2E } from "./env";

/**
 * Provisioning in the test process through the lib/ functions the operators' CLI
 * (scripts/admin.ts) calls, against the e2e install's database: a process start per call made
 * the suite slow. The app instances applied the migrations before any test runs.
 */
process.env.DATABASE_URL = E2E.databaseUrl;
// Changes made here are announced to the app instances as the operators' CLI announces them.
if (E2E.redisUrl) process.env.REDIS_URL = E2E.redisUrl;

// Imported on first use, after DATABASE_URL is set for the database client.
const users = () => import("../lib/admin/users");
const keys = () => import("../lib/admin/keys");
const quotas = () => import("../lib/admin/quotas");

export async function createUser(input: { email: string; name: string; password: string; admin?: boolean }) {
  const { createUser } = await users();
  return createUser(input);
}

/** Creates an API key in the user's personal workspace and returns the key itself. */
export async function createKey(email: string, name = "ci"): Promise<string> {
  return (await (await keys()).createKeyForEmail(email, { name })).key;
}

export async function revokeAllKeys(email: string): Promise<void> {
  const { listKeysForEmail, revokeKeyById } = await keys();
  for (const key of await listKeysForEmail(email)) await revokeKeyById(key.id);
}

export async function setPlan(email: string, plan: string): Promise<void> {
  await (await quotas()).setPlan(email, plan);
}

export async function setQuotas(email: string, input: { tokens?: string; memberTokens?: string }): Promise<void> {
  await (await quotas()).setQuotas(email, input);
}

export async function tokensUsed(email: string): Promise<number> {
  return (await (await quotas()).usageFor(email)).used;
}

/** A new user with a password and an API key in their personal workspace. */
export async function userWithKey(options: { plan?: string } = {}) {
  const email = `api-${randomBytes(5).toString("hex")}@example.test`;
  const password = "correct horse battery";
  await createUser({ email, name: "API User", password });
  if (options.plan) await setPlan(email, options.plan);
  return { email, password, key: await createKey(email) };
}

/** Disables the account, as the admin's Users page does. */
export async function disableUser(email: string): Promise<void> {
  const { db } = await import("../lib/db/client");
  await db().user.update({ where: { email }, data: { disabledAt: new Date() } });
}

/** What each of the user's ledger rows paid for (CHAT, TITLE), sorted. */
export async function ledgerPurposes(email: string): Promise<string[]> {
  const { db } = await import("../lib/db/client");
  const rows = await db().usageEvent.findMany({ where: { user: { email } }, select: { purpose: true } });
  return rows.map((r) => r.purpose).sort();
}

/** A conversation of `count` messages in the user's personal workspace, written directly (lib/testing/conversations.ts). */
export async function seedLongChat(email: string, count: number, firstQuestion?: string) {
  const { db } = await import("../lib/db/client");
  const { seedLongConversation } = await import("../lib/testing/conversations");
  const user = await db().user.findUniqueOrThrow({
    where: { email },
    select: { id: true, memberships: { select: { workspaceId: true, workspace: { select: { kind: true } } } } },
  });
  const personal = user.memberships.find((m) => m.workspace.kind === "PERSONAL") ?? user.memberships[0];
  return seedLongConversation({
    workspaceId: personal?.workspaceId ?? "",
    ownerId: user.id,
    title: `A long chat of ${count} messages`,
    count,
    firstQuestion,
  });
}
