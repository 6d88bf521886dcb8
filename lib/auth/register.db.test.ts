import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { describeDb } from "@/lib/testing/fixtures";
import { checkCredentials, registerUser } from "./register";

describeDb("signing in with credentials", () => {
  it("tells a disabled user, who knows their password, that the account is disabled", async () => {
    const email = `signin-${Date.now().toString(36)}@example.test`;
    const { user } = await registerUser({ name: "Dana Disabled", email, password: "correct horse battery" });
    expect(await checkCredentials(email, "correct horse battery")).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await checkCredentials(email, "wrong password")).toEqual({ ok: false, reason: "wrong" });

    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await checkCredentials(email, "correct horse battery")).toEqual({ ok: false, reason: "disabled" });
    // Without the password nothing is said about the account.
    expect(await checkCredentials(email, "wrong password")).toEqual({ ok: false, reason: "wrong" });
    expect(await checkCredentials("nobody@example.test", "correct horse battery")).toEqual({
      ok: false,
      reason: "wrong",
    });
  });
});
