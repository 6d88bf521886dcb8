import { expect, it } from "vitest";
import { API_KEY_PREFIX, authenticateApiKey, hashApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import {
  createKeyFor,
  createKeyForEmail,
  keyStatus,
  listKeysFor,
  listKeysForEmail,
  revokeKeyById,
  revokeKeyFor,
} from "./keys";

const DAY = 24 * 60 * 60 * 1000;
const bearer = (key: string) => `Bearer ${key}`;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeDb("API keys (lib/admin/keys)", () => {
  it("returns the key once and stores only its hash and last 4 characters", async () => {
    const actor = await createTestActor();
    const { key, view } = await createKeyFor(actor, { name: "  Nightly report  " });

    expect(key).toMatch(new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{32}$`));
    expect(view).toMatchObject({ name: "Nightly report", status: "active", expiresAt: null, lastUsedAt: null });
    expect(view.display).toBe(`${API_KEY_PREFIX}…${key.slice(-4)}`);

    const row = await db().apiKey.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(row.last4).toBe(key.slice(-4));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key.slice(API_KEY_PREFIX.length, -4));

    // Listing never gives the key back.
    const listed = await listKeysFor(actor);
    expect(listed.map((k) => k.id)).toEqual([view.id]);
    expect(JSON.stringify(listed)).not.toContain(key);

    const apiActor = await authenticateApiKey(bearer(key));
    expect(apiActor).toMatchObject({ userId: actor.userId, workspaceId: actor.workspaceId, apiKeyId: view.id });
  });

  it("sets the expiry from a number of days, and refuses an expired key", async () => {
    const actor = await createTestActor();
    const now = new Date();
    const fresh = await createKeyFor(actor, { name: "thirty days", expiresInDays: "30" }, now);
    expect(new Date(fresh.view.expiresAt ?? 0).getTime()).toBe(now.getTime() + 30 * DAY);
    await expect(authenticateApiKey(bearer(fresh.key))).resolves.toMatchObject({ apiKeyId: fresh.view.id });

    // Created two days ago with a one-day expiry: expired a day ago.
    const old = await createKeyFor(actor, { name: "old", expiresInDays: 1 }, new Date(Date.now() - 2 * DAY));
    const error = await rejection(authenticateApiKey(bearer(old.key)));
    expect(error.code).toBe("unauthenticated");
    expect(error.message).toBe("Invalid API key");

    const listed = await listKeysFor(actor);
    expect(listed.find((k) => k.id === old.view.id)?.status).toBe("expired");
    expect(listed.find((k) => k.id === fresh.view.id)?.status).toBe("active");
    expect(keyStatus({ revokedAt: null, expiresAt: new Date(Date.now() - 1) })).toBe("expired");
  });

  it("validates the name and the expiry", async () => {
    const actor = await createTestActor();
    const cases: [Parameters<typeof createKeyFor>[1], string][] = [
      [{ name: "   " }, "Give the key a name"],
      [{ name: "x".repeat(81) }, "The key's name must be at most 80 characters"],
      [{ name: "k", expiresInDays: "0" }, "Expiry must be at least 1 day"],
      [{ name: "k", expiresInDays: "1.5" }, "Expiry must be a whole number of days"],
      [{ name: "k", expiresInDays: "soon" }, "Expiry must be a whole number of days"],
      [{ name: "k", expiresInDays: 3651 }, "Expiry must be at most 3650 days"],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(createKeyFor(actor, input));
      expect(error.code).toBe("invalid_request");
      expect(error.message).toBe(message);
    }
    // An empty expiry means "never".
    const { view } = await createKeyFor(actor, { name: "k", expiresInDays: "" });
    expect(view.expiresAt).toBeNull();
    expect(await listKeysFor(actor)).toHaveLength(1);
  });

  it("revokes only the actor's own keys; the revoked key fails on its next request", async () => {
    const alice = await createTestActor("Alice");
    const mallory = await createTestActor("Mallory");
    const { key, view } = await createKeyFor(alice, { name: "alice's" });

    // Someone else's key id: not found, and nothing changes.
    const error = await rejection(revokeKeyFor(mallory, view.id));
    expect(error.code).toBe("not_found");
    expect(error.message).toBe("API key not found");
    // Alice's id in Mallory's workspace, or Mallory's user in Alice's workspace: still nothing.
    await expect(revokeKeyFor({ userId: alice.userId, workspaceId: mallory.workspaceId }, view.id)).rejects.toThrow(
      "API key not found",
    );
    await expect(revokeKeyFor({ userId: mallory.userId, workspaceId: alice.workspaceId }, view.id)).rejects.toThrow(
      "API key not found",
    );
    await expect(revokeKeyFor(alice, "no-such-key")).rejects.toThrow("API key not found");
    await expect(revokeKeyFor(alice, "")).rejects.toThrow("API key not found");
    expect((await listKeysFor(alice))[0]?.status).toBe("active");
    await expect(authenticateApiKey(bearer(key))).resolves.toMatchObject({ apiKeyId: view.id });

    await revokeKeyFor(alice, view.id);
    const [revoked] = await listKeysFor(alice);
    expect(revoked?.status).toBe("revoked");
    expect(revoked?.revokedAt).not.toBeNull();
    await expect(authenticateApiKey(bearer(key))).rejects.toThrow("Invalid API key");
    // Revoking it again is a no-op, not an error.
    await expect(revokeKeyFor(alice, view.id)).resolves.toBeUndefined();
    expect(await listKeysFor(mallory)).toEqual([]);
  });

  it("lets operators manage any user's keys by email and by id", async () => {
    const user = await createTestActor();
    const created = await createKeyForEmail(user.email.toUpperCase(), { name: "ci", expiresInDays: "7" });
    expect(created.workspaceId).toBe(user.workspaceId);
    expect(created.key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect((await listKeysForEmail(user.email)).map((k) => k.id)).toEqual([created.view.id]);

    await expect(revokeKeyById(created.view.id)).resolves.toMatchObject({
      id: created.view.id,
      name: "ci",
      email: user.email,
      alreadyRevoked: false,
    });
    await expect(revokeKeyById(created.view.id)).resolves.toMatchObject({ alreadyRevoked: true });
    await expect(authenticateApiKey(bearer(created.key))).rejects.toThrow("Invalid API key");

    await expect(revokeKeyById("missing")).rejects.toThrow("No API key with id missing");
    await expect(createKeyForEmail("nobody@example.test", { name: "x" })).rejects.toThrow(
      "No user with email nobody@example.test",
    );
    await expect(listKeysForEmail("not an email")).rejects.toThrow("Enter a valid email address");
  });

  it("refuses keys for a disabled user", async () => {
    const user = await createTestActor();
    await db().user.update({ where: { id: user.userId }, data: { disabledAt: new Date() } });
    const error = await rejection(createKeyForEmail(user.email, { name: "x" }));
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe(`User ${user.email} is disabled`);
  });
});
