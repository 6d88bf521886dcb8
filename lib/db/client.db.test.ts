import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseUrl, db } from "./client";

const onSqlite = databaseUrl().startsWith("file:");

describe.runIf(onSqlite)("SQLite transactions beside other processes", () => {
  it("a transaction that reads, then writes, survives another connection's write in between", async () => {
    // Another process (a worker of `npm start`, the second instance, the CLI) on the same file.
    const other = new Database(databaseUrl().replace(/^file:/, ""), { timeout: 0 });
    let otherWrote = false;
    const email = `tx-${randomBytes(5).toString("hex")}@example.test`;
    const user = await db().$transaction(async (tx) => {
      await tx.user.count();
      try {
        other.prepare("INSERT INTO Setting (key, value) VALUES (?, ?)").run(`tx-${email}`, "1");
        otherWrote = true;
      } catch (error) {
        // Waiting for this transaction's write lock: the other writer retries after it.
        expect((error as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
      }
      return tx.user.create({ data: { email, name: "Tx" } });
    });
    expect(user.email).toBe(email);
    // The lock is taken when the transaction begins, so the other writer went second.
    expect(otherWrote).toBe(false);
    other.prepare("INSERT INTO Setting (key, value) VALUES (?, ?)").run(`tx-${email}`, "1");
    other.close();
  });
});
