import { expect, it } from "vitest";
import { findMemberLimits } from "@/lib/db/workspaces";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { PLANS } from "@/lib/usage/plans";
import { releaseReservation, reserveTokens } from "@/lib/usage/quota";
import { setPlan, setQuotas, usageFor } from "./quotas";

const limitsOf = async (actor: { workspaceId: string; userId: string }) => {
  const limits = await findMemberLimits(actor.workspaceId, actor.userId);
  if (!limits) throw new Error("not a member");
  return limits;
};

describeDb("plans and quotas (lib/admin/quotas)", () => {
  it("sets the plan of the user's personal workspace", async () => {
    const actor = await createTestActor();
    const summary = await setPlan(actor.email, "core");
    expect(summary).toMatchObject({
      plan: "core",
      planName: "Core",
      monthlyLimit: PLANS.core.monthlyTokens,
      tokenQuota: null,
      workspaceId: actor.workspaceId,
    });
    expect((await limitsOf(actor)).plan).toBe("core");

    await expect(setPlan(actor.email, "gold")).rejects.toMatchObject({
      code: "invalid_request",
      message: 'Unknown plan "gold": use one of trial, core, enterprise, self-hosted',
    });
    await expect(setPlan("nobody@example.test", "core")).rejects.toMatchObject({ code: "not_found" });
    expect((await limitsOf(actor)).plan).toBe("core");
  });

  it("overrides the workspace quota and the member's cap, and resets them", async () => {
    const actor = await createTestActor();
    await expect(setQuotas(actor.email, { tokens: "5000" })).resolves.toMatchObject({
      monthlyLimit: 5000,
      tokenQuota: 5000,
      memberTokenQuota: null,
    });
    await expect(setQuotas(actor.email, { memberTokens: 1200 })).resolves.toMatchObject({
      monthlyLimit: 5000,
      memberTokenQuota: 1200,
    });
    expect(await limitsOf(actor)).toMatchObject({ tokenQuota: 5000, memberTokenQuota: 1200 });

    // The new limits are the ones enforced.
    await expect(
      reserveTokens(actor.workspaceId, actor.userId, await limitsOf(actor), { prompt: 1500, answer: 0 }),
    ).rejects.toMatchObject({
      code: "quota_exceeded",
    });

    await expect(setQuotas(actor.email, { tokens: "plan", memberTokens: "none" })).resolves.toMatchObject({
      monthlyLimit: PLANS["self-hosted"].monthlyTokens,
      tokenQuota: null,
      memberTokenQuota: null,
    });
  });

  it("validates both values before writing either", async () => {
    const actor = await createTestActor();
    await expect(setQuotas(actor.email, { tokens: "100", memberTokens: "lots" })).rejects.toMatchObject({
      code: "invalid_request",
      message: 'Member tokens must be a whole number or "none"',
    });
    await expect(setQuotas(actor.email, { tokens: "-1" })).rejects.toThrow('Tokens must be a whole number or "plan"');
    await expect(setQuotas(actor.email, { tokens: 3_000_000_000 })).rejects.toThrow(
      "Tokens must be at most 2,000,000,000",
    );
    await expect(setQuotas(actor.email, {})).rejects.toThrow("Give a workspace quota");
    expect(await limitsOf(actor)).toMatchObject({ tokenQuota: null, memberTokenQuota: null });
  });

  it("shows this month's usage: used, reserved, remaining", async () => {
    const actor = await createTestActor();
    await setPlan(actor.email, "trial");
    const before = await usageFor(actor.email);
    expect(before).toMatchObject({
      plan: "trial",
      monthlyLimit: PLANS.trial.monthlyTokens,
      used: 0,
      reserved: 0,
      remaining: PLANS.trial.monthlyTokens,
      member: null,
    });
    expect(before.period).toMatch(/^\d{4}-\d{2}$/);

    await setQuotas(actor.email, { memberTokens: "2000" });
    const reservation = await reserveTokens(actor.workspaceId, actor.userId, await limitsOf(actor), {
      prompt: 200,
      answer: 500,
    });
    const during = await usageFor(actor.email);
    expect(during).toMatchObject({ used: 0, reserved: 700, remaining: PLANS.trial.monthlyTokens - 700 });
    expect(during.member).toEqual({ used: 0, reserved: 700, remaining: 1300 });

    await releaseReservation(reservation);
    expect(await usageFor(actor.email)).toMatchObject({ reserved: 0, remaining: PLANS.trial.monthlyTokens });
  });
});
