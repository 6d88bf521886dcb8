import Redis from "ioredis";
import { afterAll, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, hashApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db/client";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { actorsChanged } from "./key-actor-cache";
import { findKeyActor } from "./key-actors";

// This file's process plays one app instance; with Redis, the notices of the others arrive there.
const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) process.env.REDIS_URL = redisUrl;
const otherInstance = redisUrl ? new Redis(redisUrl) : null;
afterAll(() => otherInstance?.disconnect());

const newKey = async (expiresAt: Date | null = null) => {
  const actor = await createTestActor();
  const { key, record } = await createApiKey({
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    name: "k",
    expiresAt,
  });
  return { actor, key, record, bearer: `Bearer ${key}` };
};

/** Another instance's change: written straight to the database, no notice to this process. */
const revokeElsewhere = (id: string) => db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });

describeDb("API key lookups", () => {
  it("read the key, its creator and their membership and plan in one statement, as Prisma reads them", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const { actor, key, record } = await newKey(expiresAt);
    await db().workspace.update({ where: { id: actor.workspaceId }, data: { plan: "core", tokenQuota: 1234 } });
    await db().membership.updateMany({ where: { workspaceId: actor.workspaceId }, data: { tokenQuota: 99 } });
    const row = await findKeyActor(hashApiKey(key));
    expect(row).toEqual({
      id: record.id,
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      expiresAt: expiresAt.getTime(),
      revokedAt: null,
      lastUsedAt: null,
      userDisabledAt: null,
      membership: { role: "OWNER", memberTokenQuota: 99, plan: "core", tokenQuota: 1234 },
    });
    await db().membership.deleteMany({ where: { workspaceId: actor.workspaceId } });
    expect((await findKeyActor(hashApiKey(key)))?.membership).toBeNull();
    expect(await findKeyActor(hashApiKey("spj_ai_unknown"))).toBeNull();
  });

  it("refuse a key revoked on another instance within a second, without any notice", async () => {
    const { record, bearer } = await newKey();
    await authenticateApiKey(bearer);
    await revokeElsewhere(record.id);
    const revokedAt = Date.now();
    await expect
      .poll(
        () =>
          authenticateApiKey(bearer).then(
            () => "allowed",
            (e: { code?: string }) => e.code,
          ),
        {
          timeout: 2000,
          interval: 20,
        },
      )
      .toBe("unauthenticated");
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(1100);
  });

  it("refuse it at once after a change announced in this process", async () => {
    const { record, bearer } = await newKey();
    await authenticateApiKey(bearer);
    await revokeElsewhere(record.id);
    await actorsChanged();
    await expect(authenticateApiKey(bearer)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it.skipIf(!otherInstance)("refuse it at once after another instance announced the change through Redis", async () => {
    const { record, bearer } = await newKey();
    await authenticateApiKey(bearer);
    // The subscription is set up with the cache; give it a moment to be in place.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await authenticateApiKey(bearer);
    await revokeElsewhere(record.id);
    await otherInstance?.publish("spj:actors-changed", "another instance");
    await expect
      .poll(
        () =>
          authenticateApiKey(bearer).then(
            () => "allowed",
            (e: { code?: string }) => e.code,
          ),
        {
          timeout: 150,
          interval: 10,
        },
      )
      .toBe("unauthenticated");
  });
});
