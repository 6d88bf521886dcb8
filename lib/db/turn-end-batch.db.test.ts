import { afterEach, expect, it } from "vitest";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { startTestTurn, testTurnEnd } from "@/lib/testing/turns";
import { currentPeriod } from "@/lib/usage/quota";
import { db } from "./client";
import { readCounter, tryReserve } from "./quota-counters";
import { flushTurnEnds, saveTurnEndSoon } from "./turn-end-batch";
import type { TurnEnd } from "./turns";

/** A started turn of a new user, with `reserved` tokens reserved in its workspace's counter. */
async function startedTurn(reserved: number): Promise<TurnEnd> {
  const actor = await createTestActor();
  const key = { workspaceId: actor.workspaceId, userId: "", period: currentPeriod() };
  expect(await tryReserve(key, reserved, 1_000_000)).toBe(true);
  const reservation = { keys: [key], amount: reserved };
  return testTurnEnd(actor, await startTestTurn(actor, { reservation }), { reservation });
}

const counterOf = (end: TurnEnd) => readCounter({ workspaceId: end.workspaceId, userId: "", period: currentPeriod() });

afterEach(() => {
  delete process.env.TURN_END_BATCH_MS;
});

describeDb("closing writes batched across runs", () => {
  it("writes every run of a batch exactly once, and one that fails does not lose the others", async () => {
    process.env.TURN_END_BATCH_MS = "50";
    const ends = await Promise.all([startedTurn(100), startedTurn(100), startedTurn(100)]);
    // Its conversation is not there: its writes fail, in the batch and then alone.
    const broken = { ...(await startedTurn(100)), conversationId: "no-such-conversation" };
    const saving = ends.map((end) => saveTurnEndSoon(end));
    // Caught at once: a rejection nobody handles yet fails the test run.
    const brokenSaved = saveTurnEndSoon(broken).then(
      () => null,
      (error: unknown) => error,
    );
    // The same run again in the same batch: claimed once.
    const again = saveTurnEndSoon(ends[0] as TurnEnd);

    expect(await Promise.all(saving)).toEqual([{ saved: true }, { saved: true }, { saved: true }]);
    expect(await brokenSaved).toBeInstanceOf(Error);
    expect(await again).toEqual({ saved: false });
    for (const end of ends) {
      expect(await db().usageEvent.count({ where: { messageId: end.messageId } })).toBe(1);
      expect(await counterOf(end)).toEqual({ used: 8, reserved: 0 });
      expect(await db().message.findUnique({ where: { id: end.messageId } })).toMatchObject({ status: "COMPLETE" });
    }
    expect(await counterOf(broken)).toEqual({ used: 0, reserved: 100 });
    expect(await db().message.findUnique({ where: { id: broken.messageId } })).toMatchObject({ status: "GENERATING" });
  });

  it("adds the runs that share rollup rows and counters once to each, summed", async () => {
    process.env.TURN_END_BATCH_MS = "600000";
    const actor = await createTestActor();
    const key = { workspaceId: actor.workspaceId, userId: "", period: currentPeriod() };
    const ends: TurnEnd[] = [];
    for (const [prompt, cost] of [
      [3, 0.25],
      [40, 0.5],
    ] as const) {
      expect(await tryReserve(key, 100, 1_000_000)).toBe(true);
      const reservation = { keys: [key], amount: 100 };
      const turn = await startTestTurn(actor, { reservation });
      ends.push(testTurnEnd(actor, turn, { reservation, promptTokens: prompt, cost }));
    }
    const saving = Promise.all(ends.map((end) => saveTurnEndSoon(end)));
    await flushTurnEnds();
    expect(await saving).toEqual([{ saved: true }, { saved: true }]);
    const sums = { promptTokens: 43, completionTokens: 10, requests: 2, errors: 0, cost: 0.75, unpricedRequests: 0 };
    const day = await db().usageDaily.findFirstOrThrow({ where: { userId: actor.userId } });
    expect(day).toMatchObject(sums);
    const userTotals = await db().usageTotal.findMany({ where: { dimension: "USER", key: actor.userId } });
    expect(userTotals).toHaveLength(2); // the day's row and the month's
    // (Token totals are BigInt columns.)
    for (const total of userTotals) expect(total).toMatchObject({ ...sums, promptTokens: 43n, completionTokens: 10n });
    expect(await counterOf(ends[0] as TurnEnd)).toEqual({ used: 53, reserved: 0 });
  });

  it("writes what waits at once when flushed (the graceful shutdown)", async () => {
    process.env.TURN_END_BATCH_MS = "600000";
    const ends = await Promise.all([startedTurn(50), startedTurn(50)]);
    const saving = Promise.all(ends.map((end) => saveTurnEndSoon(end)));
    await flushTurnEnds();
    expect(await saving).toEqual([{ saved: true }, { saved: true }]);
    for (const end of ends) expect(await counterOf(end)).toEqual({ used: 8, reserved: 0 });
  });
});
