import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { authenticateApiKey, createApiKey, hashApiKey } from "./api-keys";

const keyFor = async (expiresAt: Date | null = null) => {
  const actor = await createTestActor();
  const { key, record } = await createApiKey({
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    name: "t",
    expiresAt,
  });
  return { actor, key, record };
};

describeDb("API key authentication", () => {
  it("stores only the hash and the last 4 characters, and resolves the key to its workspace", async () => {
    const { actor, key, record } = await keyFor();
    expect(key).toMatch(/^spj_ai_[A-Za-z0-9_-]{32}$/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(row.last4).toBe(key.slice(-4));
    expect(JSON.stringify(row)).not.toContain(key);
    const resolved = await authenticateApiKey(`Bearer ${key}`);
    expect(resolved).toMatchObject({ userId: actor.userId, workspaceId: actor.workspaceId, apiKeyId: record.id });
    expect(resolved.limits.role).toBe("OWNER");
  });

  it.each([
    ["no header", null],
    ["another scheme", "Basic abc"],
    ["a bare key", "spj_ai_abc"],
    ["an unknown key", "Bearer spj_ai_unknownunknownunknownunknown"],
  ])("refuses %s with 401 Invalid API key", async (_name, header) => {
    await expect(authenticateApiKey(header)).rejects.toMatchObject({
      code: "unauthenticated",
      message: "Invalid API key",
    });
  });

  it("refuses revoked and expired keys, and keys of disabled users", async () => {
    const revoked = await keyFor();
    await db().apiKey.update({ where: { id: revoked.record.id }, data: { revokedAt: new Date() } });
    await expect(authenticateApiKey(`Bearer ${revoked.key}`)).rejects.toMatchObject({ code: "unauthenticated" });

    const expired = await keyFor(new Date(Date.now() - 1000));
    await expect(authenticateApiKey(`Bearer ${expired.key}`)).rejects.toMatchObject({ code: "unauthenticated" });

    const disabled = await keyFor();
    await db().user.update({ where: { id: disabled.actor.userId }, data: { disabledAt: new Date() } });
    await expect(authenticateApiKey(`Bearer ${disabled.key}`)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("answers 403 Insufficient permissions once the key's creator is no longer a member", async () => {
    const { actor, key } = await keyFor();
    await db().membership.deleteMany({ where: { workspaceId: actor.workspaceId, userId: actor.userId } });
    await expect(authenticateApiKey(`Bearer ${key}`)).rejects.toMatchObject({
      code: "forbidden",
      message: "Insufficient permissions",
    });
  });

  it("records when a key was last used", async () => {
    const { key, record } = await keyFor();
    await authenticateApiKey(`Bearer ${key}`);
    await expect
      .poll(async () => (await db().apiKey.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt)
      .not.toBeNull();
  });
});
