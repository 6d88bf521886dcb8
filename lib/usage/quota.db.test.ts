import { expect, it, vi } from "vitest";
import { textParts } from "@/lib/chat/parts";
import { startChat } from "@/lib/chat/pipeline";
import { db } from "@/lib/db/client";
import { readCounter } from "@/lib/db/quota-counters";
import { collect, createTestActor, describeDb, firstDelta, withLocalUpstream } from "@/lib/testing/fixtures";
import { currentPeriod, MIN_ANSWER_TOKENS } from "./quota";

const upstream = withLocalUpstream();

// "Hi" reserves ceil(2/2) + 8 a message + 40 a prompt (the chat template's bounds) = 49 prompt
// tokens plus max_tokens = 99. The local upstream reports what a Llama 3.1 server would (figures
// from the independent reference of lib/usage/fixtures): 36 prompt tokens, and an answer cut
// before 50 tokens at 46: each answer costs exactly 82.
const MAX_TOKENS = 50;
const PROMPT_RESERVED = 49;
const RESERVED = PROMPT_RESERVED + MAX_TOKENS;
const COST = 82;

describeDb("monthly token quota", () => {
  it("lets 50 simultaneous requests spend at most the quota, and the ledger equals what was charged", async () => {
    const actor = await createTestActor();
    // Room for 10 full reservations at once. Answers settle below their reservation, and a
    // request that finds less than a full answer's room left goes ahead with a shorter answer: at
    // least 10 get through, never past the quota.
    const quota = RESERVED * 10 + 20;
    await db().workspace.update({ where: { id: actor.workspaceId }, data: { tokenQuota: quota } });

    // 50 requests at once on a busy test machine: no first byte may time out (nothing retries it).
    vi.stubEnv("CHAT_FIRST_BYTE_TIMEOUT_MS", "30000");
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }], maxTokens: MAX_TOKENS }).then(collect),
      ),
    ).finally(() => vi.unstubAllEnvs());
    const accepted = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a) => a.status === "rejected");
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    for (const r of refused) {
      const reason = (r as PromiseRejectedResult).reason;
      expect(reason).toMatchObject({ code: "quota_exceeded", message: "Token limit exceeded" });
      // Refused only when not even a minimal answer fitted.
      expect(reason.details.tokensLeft).toBeLessThan(PROMPT_RESERVED + MIN_ANSWER_TOKENS);
    }
    expect(upstream.current.requests).toHaveLength(accepted.length);
    for (const request of upstream.current.requests) expect(request.maxTokens).toBeLessThanOrEqual(MAX_TOKENS);

    const ledger = await db().usageEvent.findMany({ where: { workspaceId: actor.workspaceId } });
    const charged = ledger.reduce((n, row) => n + row.promptTokens + row.completionTokens, 0);
    const counter = await readCounter({ workspaceId: actor.workspaceId, userId: "", period: currentPeriod() });
    expect(counter).toEqual({ used: charged, reserved: 0 });
    const outcomes = accepted.map((a) => (a as PromiseFulfilledResult<Awaited<ReturnType<typeof collect>>>).value);
    expect(charged).toBe(outcomes.reduce((n, o) => n + o.outcome.promptTokens + o.outcome.completionTokens, 0));
    expect(charged).toBeLessThanOrEqual(quota);
  });

  it("lowers the answer's max_tokens to the tokens left, and refuses only when no minimal answer fits", async () => {
    const actor = await createTestActor();
    // Room for the prompt and a 40-token answer, not the 50 asked for.
    await db().workspace.update({ where: { id: actor.workspaceId }, data: { tokenQuota: PROMPT_RESERVED + 40 } });
    const { outcome } = await collect(
      await startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }], maxTokens: MAX_TOKENS }),
    );
    expect(outcome.status).toBe("COMPLETE");
    expect(upstream.current.requests.map((r) => r.maxTokens)).toEqual([40]);
    const counter = await readCounter({ workspaceId: actor.workspaceId, userId: "", period: currentPeriod() });
    expect(counter.used).toBeLessThanOrEqual(PROMPT_RESERVED + 40);
    expect(counter.reserved).toBe(0);

    // Now less than the prompt and a minimal answer is left: refused, saying how much is left.
    const left = PROMPT_RESERVED + 40 - counter.used;
    await expect(
      startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }], maxTokens: MAX_TOKENS }),
    ).rejects.toMatchObject({ code: "quota_exceeded", message: "Token limit exceeded", details: { tokensLeft: left } });
    expect(upstream.current.requests).toHaveLength(1);
  });

  it("releases a failed request's reservation and charges what a stopped one used", async () => {
    const actor = await createTestActor();
    upstream.current.enqueueFault({ status: 500 });
    await expect(startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }] })).rejects.toMatchObject({
      code: "upstream_failed",
    });
    upstream.current.enqueueFault({ chunkDelayMs: 20 });
    const run = await startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }] });
    await firstDelta(run);
    run.generation.stop();
    const { outcome } = await collect(run);
    expect(outcome.status).toBe("STOPPED");
    const counter = await readCounter({ workspaceId: actor.workspaceId, userId: "", period: currentPeriod() });
    expect(counter).toEqual({ used: outcome.promptTokens + outcome.completionTokens, reserved: 0 });
  });

  it("enforces a member's own cap inside the workspace", async () => {
    const actor = await createTestActor();
    await db().membership.updateMany({
      where: { workspaceId: actor.workspaceId, userId: actor.userId },
      data: { tokenQuota: RESERVED },
    });
    await collect(
      await startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }], maxTokens: MAX_TOKENS }),
    );
    await expect(
      startChat({ actor, messages: [{ role: "user", parts: textParts("Hi") }], maxTokens: MAX_TOKENS }),
    ).rejects.toMatchObject({ code: "quota_exceeded" });
    // The refused request gave its workspace reservation back.
    const workspace = await readCounter({ workspaceId: actor.workspaceId, userId: "", period: currentPeriod() });
    expect(workspace).toEqual({ used: COST, reserved: 0 });
  });

  it("refuses requests beyond the plan's limits with a message naming the limit", async () => {
    const actor = await createTestActor();
    await db().workspace.update({ where: { id: actor.workspaceId }, data: { plan: "trial" } });
    await expect(
      startChat({ actor, messages: [{ role: "user", parts: textParts("x".repeat(1001)) }] }),
    ).rejects.toMatchObject({
      code: "invalid_request",
      message: expect.stringMatching(/1000 characters/),
    });
    await expect(
      startChat({ actor, messages: [{ role: "user", parts: textParts("x") }], maxTokens: 501 }),
    ).rejects.toMatchObject({ message: "max_tokens must be at most 500 on the Trial plan" });
    const eleven = Array.from({ length: 11 }, () => ({ role: "user" as const, parts: textParts("x") }));
    await expect(startChat({ actor, messages: eleven })).rejects.toMatchObject({
      message: expect.stringMatching(/at most 10/),
    });
    expect(upstream.current.requests).toHaveLength(0);
  });
});
