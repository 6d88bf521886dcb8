import { expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByEmail } from "@/lib/db/users";
import { createTestActor, describeDb } from "@/lib/testing/fixtures";
import { createUser, listUsers, resolveUser } from "./users";

const email = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@Example.test`;

describeDb("users (lib/admin/users)", () => {
  it("creates a user with a generated password, returned once and stored only as a hash", async () => {
    const address = email("gen");
    const created = await createUser({ email: `  ${address} `, name: " Grace Hopper " });
    expect(created.user).toMatchObject({ email: address.toLowerCase(), name: "Grace Hopper" });
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const stored = await findUserByEmail(address.toLowerCase());
    expect(stored?.passwordHash).toBeTruthy();
    expect(stored?.passwordHash).not.toContain(created.generatedPassword);
    expect(await verifyPassword(stored?.passwordHash ?? null, created.generatedPassword ?? "")).toBe(true);

    // The personal workspace is there, on the default plan.
    const resolved = await resolveUser(address);
    expect(resolved.workspaceId).toBe(created.workspaceId);
    const listed = (await listUsers()).find((u) => u.id === created.user.id);
    expect(listed).toMatchObject({ workspaceId: created.workspaceId, plan: "self-hosted", disabledAt: null });
  });

  it("uses a given password, makes admins on request and refuses duplicates", async () => {
    const address = email("admin").toLowerCase();
    const created = await createUser({ email: address, name: "Root", password: "long enough pw", admin: true });
    expect(created.generatedPassword).toBeNull();
    expect(created.user.role).toBe("ADMIN");
    expect((await findUserByEmail(address))?.role).toBe("ADMIN");
    expect(await verifyPassword((await findUserByEmail(address))?.passwordHash ?? null, "long enough pw")).toBe(true);

    await expect(createUser({ email: address.toUpperCase(), name: "Again" })).rejects.toMatchObject({
      code: "conflict",
      message: `A user with email ${address} already exists`,
    });
  });

  it("validates every field", async () => {
    await expect(createUser({ email: "nope", name: "X" })).rejects.toMatchObject({
      code: "invalid_request",
      message: "Enter a valid email address",
    });
    await expect(createUser({ email: email("x"), name: "  " })).rejects.toThrow("Name must not be empty");
    await expect(createUser({ email: email("x"), name: "X", password: "short" })).rejects.toThrow(
      "Password must have at least 8 characters",
    );
    await expect(resolveUser("missing@example.test")).rejects.toMatchObject({ code: "not_found" });
    const actor = await createTestActor();
    await expect(resolveUser(actor.email)).resolves.toMatchObject({ id: actor.userId, workspaceId: actor.workspaceId });
  });
});
