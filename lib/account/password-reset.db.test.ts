import { afterEach, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkCredentials } from "@/lib/auth/register";
import { db } from "@/lib/db/client";
import { createUserWithWorkspace } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { fakeSmtp } from "@/lib/testing/fake-smtp";
import { describeDb } from "@/lib/testing/fixtures";
import {
  createResetLinkAs,
  createResetLinkForEmail,
  describeResetLink,
  FORGOT_PASSWORD_ANSWER,
  requestPasswordReset,
  resetPassword,
} from "./password-reset";

const ORIGIN = "http://spj.test";
const ADMIN = { user: { role: "ADMIN" as const } };
const tokenOf = (url: string) => url.split("/").pop() as string;

async function newUser(password = "old password 1") {
  const email = `reset-${Math.random().toString(36).slice(2)}@example.test`;
  return createUserWithWorkspace({ email, name: "Reset Me", passwordHash: await hashPassword(password) });
}

async function refusedAs404(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
}

const savedSmtp = process.env.SMTP_URL;
afterEach(() => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});

describeDb("password reset links", () => {
  it("work once: the password changes, then the link is refused", async () => {
    const user = await newUser();
    const link = await createResetLinkAs(ADMIN, user.id, ORIGIN);
    expect(link.url).toMatch(/^http:\/\/spj\.test\/reset-password\/[A-Za-z0-9_-]{32}$/);
    const token = tokenOf(link.url);
    expect(await describeResetLink(token)).toEqual({ email: user.email });

    await resetPassword(token, { password: "brand new password" });
    expect(await checkCredentials(user.email, "brand new password")).toMatchObject({ ok: true });
    expect(await checkCredentials(user.email, "old password 1")).toEqual({ ok: false, reason: "wrong" });

    await refusedAs404(describeResetLink(token));
    await refusedAs404(resetPassword(token, { password: "another password" }));
    expect(await checkCredentials(user.email, "brand new password")).toMatchObject({ ok: true });
  });

  it("store only the token's hash", async () => {
    const user = await newUser();
    const token = tokenOf((await createResetLinkAs(ADMIN, user.id, ORIGIN)).url);
    const rows = await db().passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("are refused once expired", async () => {
    const user = await newUser();
    const token = tokenOf((await createResetLinkAs(ADMIN, user.id, ORIGIN)).url);
    await db().passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await refusedAs404(describeResetLink(token));
    await refusedAs404(resetPassword(token, { password: "brand new password" }));
    expect(await checkCredentials(user.email, "old password 1")).toMatchObject({ ok: true });
  });

  it("are replaced by the user's newest link", async () => {
    const user = await newUser();
    const first = tokenOf((await createResetLinkForEmail(user.email, ORIGIN)).url);
    const second = tokenOf((await createResetLinkForEmail(user.email, ORIGIN)).url);
    await refusedAs404(describeResetLink(first));
    expect(await describeResetLink(second)).toEqual({ email: user.email });
  });

  it("keep a short password out and the link usable", async () => {
    const user = await newUser();
    const token = tokenOf((await createResetLinkAs(ADMIN, user.id, ORIGIN)).url);
    await expect(resetPassword(token, { password: "short" })).rejects.toThrow("at least 8");
    expect(await describeResetLink(token)).toEqual({ email: user.email });
  });

  it("are made by the install's admin only", async () => {
    const user = await newUser();
    await refusedAs404(createResetLinkAs({ user: { role: "USER" } }, user.id, ORIGIN));
    await refusedAs404(createResetLinkAs(ADMIN, "no-such-user", ORIGIN));
    await refusedAs404(describeResetLink("not a token"));
  });

  it("are emailed on 'Forgot password?' with the same answer whether or not the account exists", async () => {
    const user = await newUser();
    const smtp = await fakeSmtp();
    process.env.SMTP_URL = smtp.url;
    try {
      const context = { client: `test-${user.id}`, siteOrigin: ORIGIN };
      const unknown = await requestPasswordReset({ email: `nobody-${user.id}@example.test` }, context);
      const known = await requestPasswordReset({ email: user.email.toUpperCase() }, context);
      expect(unknown).toBe(FORGOT_PASSWORD_ANSWER);
      expect(known).toBe(FORGOT_PASSWORD_ANSWER);
      const message = await smtp.received;
      expect(message).toContain(`To: ${user.email}`);
      const url = /http:\/\/spj\.test\/reset-password\/[A-Za-z0-9_-]{32}/.exec(message.replace(/=\r?\n/g, ""))?.[0];
      expect(url).toBeDefined();
      expect(await describeResetLink(tokenOf(url as string))).toEqual({ email: user.email });
    } finally {
      smtp.server.close();
    }
  });

  it("'Forgot password?' is rate limited per email", async () => {
    const user = await newUser();
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const email = `nobody-${user.id}@example.test`;
    const attempt = (n: number) => requestPasswordReset({ email }, { client: `c-${user.id}-${n}`, siteOrigin: ORIGIN });
    for (let n = 0; n < 5; n++) await attempt(n);
    await expect(attempt(5)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "rate_limited");
  });

  it("'Forgot password?' does not exist without SMTP", async () => {
    delete process.env.SMTP_URL;
    await refusedAs404(requestPasswordReset({ email: "a@example.test" }, { client: "x", siteOrigin: ORIGIN }));
  });
});
