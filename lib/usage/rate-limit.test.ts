import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { PLANS } from "./plans";
import { checkRateLimits, refusalOf } from "./rate-limit";

const plan = { ...PLANS["self-hosted"], requestsPerMinute: 3, tokensPerMinute: 1000 };
const unique = () => randomBytes(6).toString("hex");

describe("rate limits in one process", () => {
  it("lets N requests a minute through, then answers 429 with Retry-After and X-RateLimit-*", async () => {
    const subject = `key:${unique()}`;
    const workspaceId = unique();
    const states = [];
    for (let i = 0; i < 3; i++) states.push(await checkRateLimits({ plan, subject, workspaceId, tokens: 1 }));
    expect(states.map((s) => s.remaining)).toEqual([2, 1, 0]);
    const refused = await checkRateLimits({ plan, subject, workspaceId, tokens: 1 }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limited", message: "Rate limit exceeded" });
    expect(Number(refused.headers["Retry-After"])).toBeGreaterThan(0);
    expect(refused.headers).toMatchObject({ "X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "0" });
    expect(Number(refused.headers["X-RateLimit-Reset"])).toBeGreaterThan(Date.now() / 1000);
  });

  it("counts tokens per minute per workspace across subjects", async () => {
    const workspaceId = unique();
    const big = { ...plan, requestsPerMinute: 100 };
    await checkRateLimits({ plan: big, subject: `key:${unique()}`, workspaceId, tokens: 900 });
    await expect(
      checkRateLimits({ plan: big, subject: `key:${unique()}`, workspaceId, tokens: 200 }),
    ).rejects.toMatchObject({ code: "rate_limited" });
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("[redis] SKIPPED: TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379).");

describe("a limiter's refusal", () => {
  it("is recognised by its shape, so a copy of the class from another bundle still answers 429", () => {
    // What a rejected consume() carries when the limiter was built by another bundle's copy of
    // rate-limiter-flexible: a RateLimiterRes that fails `instanceof` here.
    const foreign = Object.assign(Object.create(null), { msBeforeNext: 1500, remainingPoints: 0 });
    expect(refusalOf(foreign)).toEqual({ msBeforeNext: 1500, remainingPoints: 0 });
    expect(refusalOf(new Error("Redis is down"))).toBeNull();
    expect(refusalOf(undefined)).toBeNull();
  });
});

describe("rate limits across the workers of npm start (no Redis)", () => {
  it("lets N a minute through in total, not N per worker", async () => {
    const env = {
      ...process.env,
      REDIS_URL: "",
      CLUSTER_WORKERS: "2",
      LIMIT: "10",
      COUNT: "8",
      SUBJECT: `key:${unique()}`,
    };
    const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["lib/testing/rate-limit-worker.ts"], {
      env,
    });
    const tally = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    expect(tally).toEqual({ allowed: 10, limited: 6, failures: [] });
  }, 30_000);
});

describe.skipIf(!redisUrl)("rate limits across two app instances sharing one Redis", () => {
  it("lets N a minute through in total, not N per instance", async () => {
    const env = {
      ...process.env,
      REDIS_URL: redisUrl,
      LIMIT: "10",
      COUNT: "10",
      SUBJECT: `key:${unique()}`,
      WORKSPACE: unique(),
    };
    const run = () =>
      promisify(execFile)("node_modules/.bin/tsx", ["lib/testing/rate-limit-worker.ts"], { env }).then(
        ({ stdout }) =>
          JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
            allowed: number;
            limited: number;
            failures: string[];
          },
      );
    const [a, b] = await Promise.all([run(), run()]);
    expect([...a.failures, ...b.failures]).toEqual([]);
    expect(a.allowed + b.allowed).toBe(10);
    expect(a.limited + b.limited).toBe(10);
  }, 30_000);
});
