import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/fixtures";
import { addRollup } from "@/lib/testing/rollups";
import {
  addSums,
  emptySums,
  type RollupFilter,
  type RollupIncrement,
  sumByDayAndModel,
  sumByWorkspace,
  sumUsage,
  topApiKeys,
  topUsers,
  type UsageSums,
} from "./usage";

// Calls spread over 1999 (no other test writes there), so install-wide questions about that year
// see only these; the expected answers are summed here, in memory, from the same calls.
const calls: RollupIncrement[] = Array.from({ length: 90 }, (_, i) => {
  const day = new Date(Date.UTC(1999, 0, 20 + ((i * 7) % 81))).toISOString().slice(0, 10);
  return {
    day,
    workspaceId: `w${i % 3}`,
    userId: `u${i % 4}`,
    model: `m${i % 3 === 0 ? 0 : (i % 5) % 2 ? 1 : 2}`,
    apiKeyId: i % 4 === 0 ? "" : `k${i % 2}`,
    promptTokens: 10 + i,
    completionTokens: 100 + ((i * 13) % 50),
    error: i % 7 === 0,
    // Binary fractions: summed in any order they stay exact.
    cost: i % 6 === 0 ? null : 0.125 * (i % 4),
  };
});
// Two huge calls: their model's month passes 2^31 tokens, which a 32-bit column cannot hold.
for (const i of [0, 1]) {
  calls.push({ ...(calls[i] as RollupIncrement), day: "1999-02-10", promptTokens: 1_500_000_000, model: "m1" });
}
const lastDay = calls
  .map((c) => c.day)
  .sort()
  .at(-1) as string;

function sumsOf(rows: RollupIncrement[]): UsageSums {
  return rows.reduce(
    (s, r) =>
      addSums(s, {
        promptTokens: r.promptTokens,
        completionTokens: r.completionTokens,
        requests: 1,
        errors: r.error ? 1 : 0,
        cost: r.cost ?? 0,
        unpricedRequests: r.cost === null ? 1 : 0,
      }),
    emptySums(),
  );
}

function expected(f: RollupFilter) {
  const rows = calls.filter(
    (c) =>
      c.day >= f.from && c.day <= f.to && (!f.model || c.model === f.model) && (!f.userId || c.userId === f.userId),
  );
  const by = (key: (c: RollupIncrement) => string, limit: number, only = rows) => {
    const groups = new Map<string, RollupIncrement[]>();
    for (const r of only) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    return [...groups]
      .map(([id, group]) => ({ id, ...sumsOf(group) }))
      .sort(
        (a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens) || (a.id < b.id ? -1 : 1),
      )
      .slice(0, limit);
  };
  const days = by((c) => `${c.day} ${c.model}`, 1000).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    totals: sumsOf(rows),
    days: days.map(({ id, ...s }) => ({ day: id.slice(0, 10), model: id.slice(11), ...s })),
    users: by((c) => c.userId, 3).map(({ id, ...s }) => ({ userId: id, ...s })),
    keys: by(
      (c) => c.apiKeyId,
      10,
      rows.filter((r) => r.apiKeyId),
    ).map(({ id, ...s }) => ({ apiKeyId: id, ...s })),
    workspaces: by((c) => c.workspaceId, 2).map(({ id, ...s }) => ({ workspaceId: id, ...s })),
  };
}

async function actual(f: RollupFilter, today: string) {
  return {
    totals: await sumUsage(f, today),
    days: await sumByDayAndModel(f),
    users: await topUsers(f, 3, today),
    keys: await topApiKeys(f, 10, today),
    workspaces: await sumByWorkspace(f, 2, today),
  };
}

describeDb("usage totals", () => {
  beforeAll(async () => {
    for (const call of calls) await addRollup(call);
  });

  it.each([
    ["whole months and both ends", "1999-01-25", "1999-03-31", "2026-11-22"],
    ["a range reaching today, its month whole", "1999-03-20", lastDay, lastDay],
    ["a range ending before today, inside a month", "1999-02-03", "1999-02-20", "2026-11-22"],
    ["a single day", "1999-02-17", "1999-02-17", "2026-11-22"],
  ])("install-wide sums equal the calls' over %s", async (_, from, to, today) => {
    const f: RollupFilter = { workspaceIds: null, from, to };
    const want = expected(f);
    expect(want.totals.requests).toBeGreaterThan(0);
    expect(await actual(f, today)).toEqual(want);
  });

  it("narrowed to a model or a user, the sums are still the calls'", async () => {
    const range = { workspaceIds: null, from: "1999-01-01", to: "1999-12-31" };
    for (const f of [
      { ...range, model: "m1" },
      { ...range, userId: "u2" },
      { ...range, workspaceIds: ["w0", "w1", "w2"] },
    ]) {
      expect(await actual(f, "2026-11-22")).toEqual(expected(f));
    }
  });
});
