import { describe, expect, it } from "vitest";
import {
  clientAddress,
  countSignInAttempt,
  FAILURES_PER_ACCOUNT,
  FAILURES_PER_ADDRESS,
  signInRetryAfter,
  signInSucceeded,
} from "./sign-in-throttle";

let n = 0;
const fresh = (what: string) => `${what}-${Date.now()}-${++n}`;

describe("sign-in throttling (in this process: no REDIS_URL)", () => {
  it(`lets ${FAILURES_PER_ACCOUNT} attempts at one account through, then refuses with the seconds to wait`, async () => {
    const email = `${fresh("a")}@example.com`;
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      expect(await countSignInAttempt(email, fresh("ip"))).toBe(0);
    }
    expect(await signInRetryAfter(email.toUpperCase(), fresh("ip"))).toBeGreaterThan(0);
    const wait = await countSignInAttempt(email, fresh("ip"));
    expect(wait).toBeGreaterThan(60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
  });

  it("a burst of concurrent attempts does not all get through", async () => {
    const email = `${fresh("b")}@example.com`;
    const waits = await Promise.all(Array.from({ length: 100 }, () => countSignInAttempt(email, fresh("ip"))));
    expect(waits.filter((w) => w === 0)).toHaveLength(FAILURES_PER_ACCOUNT);
  });

  it("a right password clears the account's failures", async () => {
    const email = `${fresh("c")}@example.com`;
    const ip = fresh("ip");
    for (let i = 0; i < FAILURES_PER_ACCOUNT - 1; i++) await countSignInAttempt(email, ip);
    await signInSucceeded(email, ip);
    expect(await countSignInAttempt(email, ip)).toBe(0);
  });

  it(`one address trying many accounts is refused after ${FAILURES_PER_ADDRESS} attempts`, async () => {
    const ip = fresh("ip");
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++) {
      expect(await countSignInAttempt(`${fresh("d")}@example.com`, ip)).toBe(0);
    }
    expect(await countSignInAttempt(`${fresh("d")}@example.com`, ip)).toBeGreaterThan(0);
    expect(await signInRetryAfter(`${fresh("d")}@example.com`, ip)).toBeGreaterThan(0);
  });

  it("takes the address the nearest proxy wrote", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1, 10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientAddress(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
