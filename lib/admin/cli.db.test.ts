import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { describeResetLink } from "@/lib/account/password-reset";
import { API_KEY_PREFIX, authenticateApiKey } from "@/lib/auth/api-keys";
import { isPostgresUrl } from "@/lib/db/client";
import { ROOT } from "@/lib/db/migrate";
import { findActiveUser, findUserByEmail } from "@/lib/db/users";

/** scripts/admin.ts run as operators run it (a separate process on this project's database). */
interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function admin(...args: string[]): Promise<Result> {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ["scripts/admin.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const lines = (text: string) => text.split("\n").filter((line) => line.length > 0);

// The process contract (stdout alone, one-line errors, exit codes) does not depend on the
// database, and each command's data access is lib/admin's, tested on both databases next to it;
// so these spawns (a few seconds each) run against the SQLite project only.
const onSqlite = Boolean(process.env.DATABASE_URL) && !isPostgresUrl(process.env.DATABASE_URL ?? "");

describe.runIf(onSqlite)("scripts/admin.ts", () => {
  it("creates a user, then a key printed alone on stdout that authenticates", { timeout: 120_000 }, async () => {
    const email = `cli-${randomBytes(5).toString("hex")}@example.test`;

    const user = await admin("users", "create", "--email", email, "--name", "CLI User");
    expect(user.code, user.stderr).toBe(0);
    const password = /^Password: (\S+)$/m.exec(user.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const created = await findUserByEmail(email);
    expect(created?.name).toBe("CLI User");

    const key = await admin("keys", "create", "--email", email, "--name", "ci", "--expires-days", "30");
    expect(key.code, key.stderr).toBe(0);
    expect(lines(key.stdout)).toHaveLength(1);
    expect(key.stdout).toMatch(new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{32}\\n$`));
    expect(key.stderr).toContain('Created API key "ci"');
    expect(key.stderr).not.toContain(key.stdout.trim());

    const actor = await authenticateApiKey(`Bearer ${key.stdout.trim()}`);
    const active = await findActiveUser(created?.id ?? "");
    expect(actor).toMatchObject({ userId: created?.id, workspaceId: active?.workspaceId });

    const list = await admin("keys", "list", "--email", email);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${API_KEY_PREFIX}…${key.stdout.trim().slice(-4)}`);
    expect(list.stdout).not.toContain(key.stdout.trim());
  });

  it("fails with one line on stderr and exit 1 on bad input, and prints usage with --help", {
    timeout: 120_000,
  }, async () => {
    const cases = [
      ["keys", "create", "--email", "nobody@example.test", "--name", "x"],
      ["plan", "set", "--email", "nobody@example.test", "--plan", "gold"],
      ["keys", "create", "--name", "x"],
      ["frobnicate"],
    ];
    const results = await Promise.all(cases.map((args) => admin(...args)));
    results.forEach((result, i) => {
      const label = `${cases[i]?.join(" ")}: ${result.stderr}`;
      expect(result.code, label).toBe(1);
      expect(result.stdout, label).toBe("");
      expect(lines(result.stderr), label).toHaveLength(1);
      expect(result.stderr, label).toMatch(/^admin: /);
      expect(result.stderr, label).not.toMatch(/\n\s+at /);
    });
    expect(results[0]?.stderr).toBe("admin: No user with email nobody@example.test\n");
    expect(results[1]?.stderr).toBe('admin: Unknown plan "gold": use one of trial, core, enterprise, self-hosted\n');

    const help = await admin("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("keys create --email E --name N [--expires-days D]");
  });

  it("prints a one-time password reset link alone on stdout", { timeout: 120_000 }, async () => {
    const email = `cli-${randomBytes(5).toString("hex")}@example.test`;
    expect((await admin("users", "create", "--email", email, "--name", "Forgetful")).code).toBe(0);
    const reset = await admin("users", "reset-password", "--email", email, "--base-url", "https://chat.example.test/x");
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/^https:\/\/chat\.example\.test\/reset-password\/[A-Za-z0-9_-]{32}\n$/);
    expect(reset.stderr).toContain(`One-time reset link for ${email}`);
    expect(await describeResetLink(reset.stdout.trim().split("/").pop())).toEqual({ email });
  });
});
