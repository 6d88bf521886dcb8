import { expect, it } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/auth/api-keys";
import { resolveSessionActor, type SessionActor } from "@/lib/auth/session-actor";
import { db } from "@/lib/db/client";
import { findMemberLimits } from "@/lib/db/workspaces";
import { createTeam } from "@/lib/teams/workspaces";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import {
  searchUsersAs,
  setDisabledAs,
  setMemberQuotaAs,
  setRoleAs,
  setWorkspaceQuotaAs,
  userDetailsAs,
} from "./user-management";

const session = async (userId: string, workspaceId: string | null = null): Promise<SessionActor> => {
  const actor = await resolveSessionActor(userId, workspaceId);
  if (!actor) throw new Error("no session actor");
  return actor;
};

async function systemAdmin(): Promise<SessionActor> {
  const { userId } = await createTestActor("Root Admin");
  await db().user.update({ where: { id: userId }, data: { role: "ADMIN" } });
  return session(userId);
}

describeDb("user management", () => {
  it("disables a user: their session and their API keys stop on the very next request, and come back when enabled", async () => {
    const admin = await systemAdmin();
    const user = await createTestActor("Dana Disabled");
    const { key } = await createApiKey({
      workspaceId: user.workspaceId,
      userId: user.userId,
      name: "k",
      expiresAt: null,
    });
    expect(await resolveSessionActor(user.userId, null)).not.toBeNull();
    await expect(authenticateApiKey(`Bearer ${key}`)).resolves.toMatchObject({ userId: user.userId });

    await setDisabledAs(admin, user.userId, true);
    // What every browser request and every API request does first (lib/auth/session.ts, api-keys.ts).
    expect(await resolveSessionActor(user.userId, null)).toBeNull();
    await expect(authenticateApiKey(`Bearer ${key}`)).rejects.toMatchObject({ code: "unauthenticated" });

    await setDisabledAs(admin, user.userId, false);
    expect(await resolveSessionActor(user.userId, null)).not.toBeNull();
    await expect(authenticateApiKey(`Bearer ${key}`)).resolves.toMatchObject({ userId: user.userId });
  });

  it("lists and searches users, changes roles and sets workspace and member quotas", async () => {
    const admin = await systemAdmin();
    const grace = await createTestActor("Grace Hopper");
    const found = await searchUsersAs(admin, { q: grace.email.toUpperCase() });
    expect(found.users.map((u) => u.id)).toEqual([grace.userId]);
    expect((await searchUsersAs(admin, { q: "Grace Hop" })).users.map((u) => u.id)).toContain(grace.userId);

    await setRoleAs(admin, grace.userId, "ADMIN");
    expect((await userDetailsAs(admin, grace.userId)).role).toBe("ADMIN");
    await expect(setRoleAs(admin, grace.userId, "ROOT")).rejects.toMatchObject({ code: "invalid_request" });

    await setWorkspaceQuotaAs(admin, grace.workspaceId, "5000");
    await setMemberQuotaAs(admin, grace.workspaceId, grace.userId, "1200");
    expect(await findMemberLimits(grace.workspaceId, grace.userId)).toMatchObject({
      tokenQuota: 5000,
      memberTokenQuota: 1200,
    });
    // Empty means "the plan's" for the workspace and "no cap" for the member.
    await setWorkspaceQuotaAs(admin, grace.workspaceId, "");
    await setMemberQuotaAs(admin, grace.workspaceId, grace.userId, "");
    expect(await findMemberLimits(grace.workspaceId, grace.userId)).toMatchObject({
      tokenQuota: null,
      memberTokenQuota: null,
    });
    await expect(setWorkspaceQuotaAs(admin, grace.workspaceId, "-3")).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(setMemberQuotaAs(admin, "no-such-workspace", grace.userId, "10")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("keeps the admin from locking themselves out", async () => {
    const admin = await systemAdmin();
    await expect(setDisabledAs(admin, admin.userId, true)).rejects.toMatchObject({ code: "invalid_request" });
    await expect(setRoleAs(admin, admin.userId, "USER")).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("answers not-found to everyone but the system admin, team owners included", async () => {
    const owner = await createTestActor("Team Owner");
    const { workspaceId } = await createTeam(await session(owner.userId), "Owners Inc");
    const target = await createTestActor("Target");
    for (const actor of [
      await session(owner.userId),
      await session(owner.userId, workspaceId),
      await session(target.userId),
    ]) {
      await expect(searchUsersAs(actor, {})).rejects.toMatchObject({ code: "not_found" });
      await expect(userDetailsAs(actor, target.userId)).rejects.toMatchObject({ code: "not_found" });
      await expect(setRoleAs(actor, target.userId, "ADMIN")).rejects.toMatchObject({ code: "not_found" });
      await expect(setDisabledAs(actor, target.userId, true)).rejects.toMatchObject({ code: "not_found" });
      await expect(setWorkspaceQuotaAs(actor, workspaceId, "1")).rejects.toMatchObject({ code: "not_found" });
      await expect(setMemberQuotaAs(actor, workspaceId, owner.userId, "1")).rejects.toMatchObject({
        code: "not_found",
      });
    }
    const untouched = await db().user.findUniqueOrThrow({ where: { id: target.userId } });
    expect(untouched).toMatchObject({ role: "USER", disabledAt: null });
    expect(await findMemberLimits(workspaceId, owner.userId)).toMatchObject({
      tokenQuota: null,
      memberTokenQuota: null,
    });
  });
});
