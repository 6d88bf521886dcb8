import { expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkCredentials } from "@/lib/auth/register";
import { createUserWithWorkspace, findSessionVersion, findUserByEmail } from "@/lib/db/users";
import { describeDb } from "@/lib/testing/fixtures";
import { changeName, changePassword, hasPassword, signOutEverywhere } from "./profile";

async function newActor(passwordHash: string | null) {
  const email = `profile-${Math.random().toString(36).slice(2)}@example.test`;
  const user = await createUserWithWorkspace({ email, name: "Before", passwordHash });
  return { userId: user.id, via: "session" as const, email };
}

describeDb("the profile page's changes", () => {
  it("changes the password when the current one is right, ending every session", async () => {
    const actor = await newActor(await hashPassword("current password"));
    const before = await findSessionVersion(actor.userId);
    await changePassword(actor, { current: "current password", next: "the new password" });
    expect(await findSessionVersion(actor.userId)).toBe((before ?? 0) + 1);
    expect(await checkCredentials(actor.email, "the new password")).toMatchObject({ ok: true });
    expect(await checkCredentials(actor.email, "current password")).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a wrong current password and keeps the old one (and the sessions)", async () => {
    const actor = await newActor(await hashPassword("current password"));
    const before = await findSessionVersion(actor.userId);
    await expect(changePassword(actor, { current: "wrong password", next: "the new password" })).rejects.toThrow(
      "current password is not right",
    );
    expect(await checkCredentials(actor.email, "current password")).toMatchObject({ ok: true });
    expect(await findSessionVersion(actor.userId)).toBe(before);
  });

  it("signs out everywhere by raising the session version", async () => {
    const actor = await newActor(null);
    const before = await findSessionVersion(actor.userId);
    await signOutEverywhere(actor);
    expect(await findSessionVersion(actor.userId)).toBe((before ?? 0) + 1);
  });

  it("refuses a new password that is too short", async () => {
    const actor = await newActor(await hashPassword("current password"));
    await expect(changePassword(actor, { current: "current password", next: "short" })).rejects.toThrow("at least 8");
  });

  it("has no password to change on an OAuth-only account", async () => {
    const actor = await newActor(null);
    expect(await hasPassword(actor)).toBe(false);
    await expect(changePassword(actor, { current: "x", next: "the new password" })).rejects.toThrow("another provider");
  });

  it("changes the name, trimmed, and refuses an empty one", async () => {
    const actor = await newActor(null);
    expect(await changeName(actor, "  Ada Lovelace ")).toEqual({ name: "Ada Lovelace" });
    expect((await findUserByEmail(actor.email))?.name).toBe("Ada Lovelace");
    await expect(changeName(actor, "   ")).rejects.toThrow("Enter your name");
  });

  it("is refused to an API key", async () => {
    const actor = await newActor(await hashPassword("current password"));
    await expect(changeName({ ...actor, via: "api_key" }, "Key")).rejects.toThrow("Not allowed");
  });
});
