import { expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { checkCredentials } from "./register";

async function median(work: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

describeDb("checking credentials", () => {
  it("takes as long for an unknown email as for a wrong password, so it does not tell which emails exist", async () => {
    const { userId, email } = await createTestActor("Tim Timing");
    await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword("the right one") } });
    await checkCredentials("warm-up@example.test", "x"); // the dummy hash is made once

    const unknown = await median(() => checkCredentials("nobody-here@example.test", "a wrong one"));
    const wrong = await median(() => checkCredentials(email, "a wrong one"));
    expect(await checkCredentials(email, "the right one")).toMatchObject({ ok: true, user: { id: userId } });
    expect(unknown / wrong).toBeGreaterThan(0.5);
    expect(unknown / wrong).toBeLessThan(2);
  });
});
