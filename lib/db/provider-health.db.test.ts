import { beforeAll, expect, it } from "vitest";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { db } from "./client";
import {
  HEALTH_PERIODS,
  type HealthFigures,
  modelHealthKey,
  type ProviderHealth,
  providerHealth,
} from "./provider-health";

// Ledger rows around a moment in 1999 (no other test writes there), under provider ids of this
// file's own: the figures asked for at NOW see only these. The expected figures are computed
// here, in memory, from the same rows.
const NOW = new Date(Date.UTC(1999, 5, 15, 12, 0, 0));
const MINUTE = 60_000;

interface LedgerRow {
  provider: string | null;
  model: string;
  outcome: "OK" | "STOPPED" | "ERROR";
  latencyMs: number;
  ttftMs: number | null;
  /** Minutes before NOW (negative: after it). */
  ago: number;
}

const SHAPES: Pick<LedgerRow, "provider" | "model">[] = [
  { provider: "health-openai", model: "fast" },
  { provider: "health-openai", model: "big" },
  { provider: "health-anthropic", model: "claude" },
];
// Spread over 26 hours and a bit past NOW, so the edges of both periods are crossed; latencies
// from a fixed scramble, so no order of insertion is also the order of latency.
const rows: LedgerRow[] = Array.from({ length: 75 }, (_, i) => {
  const outcome = i % 7 === 0 ? "ERROR" : i % 11 === 0 ? "STOPPED" : "OK";
  return {
    ...(SHAPES[i % 3] as (typeof SHAPES)[number]),
    outcome,
    latencyMs: outcome === "ERROR" ? 3 + (i % 5) : 200 + ((i * 7919) % 1000),
    ttftMs: outcome === "ERROR" || i % 13 === 0 ? null : 20 + ((i * 104_729) % 400),
    ago: ((i * 37) % 26) * 60 + (i % 60) - 5,
  };
});
// The edges themselves: exactly a day ago is in, exactly NOW is out.
rows.push({ provider: "health-openai", model: "fast", outcome: "OK", latencyMs: 5000, ttftMs: 900, ago: 24 * 60 });
rows.push({ provider: "health-openai", model: "fast", outcome: "OK", latencyMs: 7000, ttftMs: 950, ago: 0 });
// A provider whose every call failed: counted, no medians.
rows.push({ provider: "health-down", model: "gone", outcome: "ERROR", latencyMs: 12, ttftMs: null, ago: 10 });
rows.push({ provider: "health-down", model: "gone", outcome: "ERROR", latencyMs: 9, ttftMs: null, ago: 70 });

/** The ⌈n/2⌉-th smallest. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1] as number;
}

function expected(period: keyof typeof HEALTH_PERIODS, match: (r: LedgerRow) => boolean): HealthFigures {
  const inPeriod = rows.filter((r) => match(r) && r.ago > 0 && r.ago * MINUTE <= HEALTH_PERIODS[period]);
  const ok = inPeriod.filter((r) => r.outcome === "OK");
  return {
    calls: inPeriod.length,
    errors: inPeriod.filter((r) => r.outcome === "ERROR").length,
    p50LatencyMs: median(ok.map((r) => r.latencyMs)),
    p50TtftMs: median(ok.flatMap((r) => (r.ttftMs === null ? [] : [r.ttftMs]))),
  };
}

let health: ProviderHealth;

describeDb("provider health from the usage ledger", () => {
  beforeAll(async () => {
    const actor = await createTestActor();
    await db().usageEvent.createMany({
      data: rows.map((r) => ({
        userId: actor.userId,
        workspaceId: actor.workspaceId,
        model: r.model,
        provider: r.provider,
        promptTokens: 10,
        completionTokens: 20,
        source: "REPORTED",
        outcome: r.outcome,
        latencyMs: r.latencyMs,
        ttftMs: r.ttftMs,
        createdAt: new Date(NOW.getTime() - r.ago * MINUTE),
      })),
    });
    health = await providerHealth(NOW);
  });

  it("counts each provider's calls and errors, with p50 latency and time to first token, per hour and day", () => {
    for (const provider of ["health-openai", "health-anthropic"]) {
      const figures = health.providers.get(provider);
      expect(figures?.day).toEqual(expected("day", (r) => r.provider === provider));
      expect(figures?.hour).toEqual(expected("hour", (r) => r.provider === provider));
    }
    // The rows are spread enough for the figures to mean something.
    const day = health.providers.get("health-openai")?.day;
    expect(day?.calls).toBeGreaterThan(30);
    expect(day?.errors).toBeGreaterThan(2);
    expect(health.providers.get("health-openai")?.hour.calls).toBeGreaterThan(0);
  });

  it("gives the same figures per model, under the provider that served it", () => {
    for (const { provider, model } of SHAPES) {
      const figures = health.models.get(modelHealthKey(provider as string, model));
      const match = (r: LedgerRow) => r.provider === provider && r.model === model;
      expect(figures?.day).toEqual(expected("day", match));
      expect(figures?.hour).toEqual(expected("hour", match));
    }
  });

  it("includes the call exactly a day old and leaves out the one at the moment asked", () => {
    const fast = health.models.get(modelHealthKey("health-openai", "fast"));
    const inDay = rows.filter((r) => r.model === "fast" && r.ago > 0 && r.ago <= 24 * 60);
    expect(fast?.day.calls).toBe(inDay.length);
    expect(inDay.some((r) => r.latencyMs === 5000)).toBe(true);
  });

  it("counts a provider whose every call failed, without medians", () => {
    expect(health.providers.get("health-down")).toEqual({
      hour: { calls: 1, errors: 1, p50LatencyMs: null, p50TtftMs: null },
      day: { calls: 2, errors: 2, p50LatencyMs: null, p50TtftMs: null },
    });
  });

  it("has nothing for a provider without calls in the day", async () => {
    const later = await providerHealth(new Date(NOW.getTime() + 2 * HEALTH_PERIODS.day));
    expect(later.providers.get("health-openai")).toBeUndefined();
  });
});
