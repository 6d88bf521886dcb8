import { expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { checkCredentials } from "./register";

const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;

/** Each kind of work timed in turns, so a busy machine slows both alike. */
async function interleavedMedians(a: () => Promise<unknown>, b: () => Promise<unknown>, runs = 7) {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, work] of [a, b].entries()) {
      const started = performance.now();
      await work();
      times[k]?.push(performance.now() - started);
    }
  }
  return times.map(median) as [number, number];
}

describeDb("checking credentials", () => {
  it("takes as long for an unknown email as for a wrong password, so it does not tell which emails exist", async () => {
    const { userId, email } = await createTestActor("Tim Timing");
    await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword("the right one") } });
    await checkCredentials("warm-up@example.test", "x"); // the dummy hash is made once

    const [unknown, wrong] = await interleavedMedians(
      () => checkCredentials("nobody-here@example.test", "a wrong one"),
      () => checkCredentials(email, "a wrong one"),
    );
    expect(await checkCredentials(email, "the right one")).toMatchObject({ ok: true, user: { id: userId } });
    // Both verify one hash (a skipped check would be ~1000 times faster); the bounds leave room
    // for a noisy machine.
    expect(unknown / wrong).toBeGreaterThan(1 / 3);
    expect(unknown / wrong).toBeLessThan(3);
  });
});
