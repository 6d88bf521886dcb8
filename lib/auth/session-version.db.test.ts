import Redis from "ioredis";
import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { raiseSessionVersion } from "@/lib/db/users";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { setDisabledAs } from "../admin/user-management";
import { resolveSessionActor } from "./session-actor";
import { endAllSessions, isSessionCurrent, sessionVersionOf } from "./session-version";

// With TEST_REDIS_URL this process is an instance that shares Redis with others.
const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) process.env.REDIS_URL = redisUrl;
const publisher = redisUrl ? new Redis(redisUrl) : null;
afterAll(() => publisher?.disconnect());

async function signedInVersion(userId: string): Promise<number> {
  return (await sessionVersionOf(userId, { fresh: true })) ?? -1;
}

describeDb("session revocation", () => {
  it("ends every session signed in before endAllSessions, at once on this instance; a new sign-in holds", async () => {
    const { userId } = await createTestActor("Sam Signout");
    const before = await signedInVersion(userId);
    expect(await isSessionCurrent(userId, before)).toBe(true);
    // Tokens from before session versions carry none: they count as version 0.
    expect(await isSessionCurrent(userId, undefined)).toBe(true);

    await endAllSessions(userId);
    expect(await isSessionCurrent(userId, before)).toBe(false);
    expect(await isSessionCurrent(userId, undefined)).toBe(false);
    expect(await isSessionCurrent(userId, await signedInVersion(userId))).toBe(true);
  });

  it("a disabled user's old sessions stay ended when the user is enabled again", async () => {
    const { userId: adminId } = await createTestActor("Root Admin");
    await db().user.update({ where: { id: adminId }, data: { role: "ADMIN" } });
    const admin = await resolveSessionActor(adminId, null);
    if (!admin) throw new Error("no admin");
    const { userId } = await createTestActor("Dana Disabled");
    const old = await signedInVersion(userId);

    await setDisabledAs(admin, userId, true);
    await setDisabledAs(admin, userId, false);
    expect(await isSessionCurrent(userId, old)).toBe(false);
    expect(await resolveSessionActor(userId, null)).not.toBeNull();
  });

  it("an unknown user has no current session", async () => {
    expect(await isSessionCurrent("no-such-user", 0)).toBe(false);
  });

  it.skipIf(!publisher)("a raise made on another instance shows here within a second (Redis pub/sub)", async () => {
    const { userId } = await createTestActor("Ivy Instances");
    const old = await signedInVersion(userId);
    expect(await isSessionCurrent(userId, old)).toBe(true); // cached here for a minute
    // Another instance: raises the version in the database and publishes it.
    await raiseSessionVersion(userId);
    await publisher?.publish("spj:session-version", userId);
    const started = Date.now();
    while ((await isSessionCurrent(userId, old)) && Date.now() - started < 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await isSessionCurrent(userId, old)).toBe(false);
  });
});
