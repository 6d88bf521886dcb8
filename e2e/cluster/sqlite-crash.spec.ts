import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import {
  adminCliOn,
  app,
  appEnv,
  appUrl,
  build,
  exited,
  migrate,
  startApp,
  startUpstream,
  stop,
  upstreamFault,
} from "./cluster";

/**
 * One instance on SQLite (no Redis) killed mid-answer: on its next start its reaper finishes the
 * answer — INTERRUPTED, one ledger row with tokens, nothing left reserved.
 */
const file = "data/e2e-crash.db";
const url = `file:./${file}`;
const env = () => {
  const { REDIS_URL: _redis, ...rest } = appEnv();
  return { ...rest, DATABASE_URL: url };
};

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.beforeAll(async () => {
  test.setTimeout(600_000);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  build();
  migrate(url);
  await startUpstream();
  await startApp(0, env());
});
test.afterAll(stop);

test("a crashed single SQLite instance settles its answer when it starts again", async () => {
  await upstreamFault({ chunkDelayMs: 80 });
  const email = `crash-${randomBytes(5).toString("hex")}@example.test`;
  adminCliOn(url, "users", "create", "--email", email, "--name", "Crash", "--password", "correct horse battery");
  const key = adminCliOn(url, "keys", "create", "--email", email, "--name", "ci");
  const response = await fetch(`${appUrl(0)}/api/v1/chat`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ messages: [{ role: "user", content: "Tell me a long story" }] }),
  });
  const conversationId = response.headers.get("x-conversation-id") as string;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  await new Promise((r) => setTimeout(r, 1_500)); // a checkpoint
  app(0).kill("SIGKILL");
  await exited(app(0));
  await reader.cancel().catch(() => {});

  await startApp(0, env());
  const db = new Database(file, { readonly: true });
  try {
    const row = () =>
      db
        .prepare(`SELECT status, content FROM "Message" WHERE "conversationId" = ? AND role = 'assistant'`)
        .get(conversationId) as { status: string; content: string } | undefined;
    await expect.poll(() => row()?.status, { timeout: 40_000 }).toBe("INTERRUPTED");
    expect(row()?.content.length).toBeGreaterThan(0);
    const ledger = db
      .prepare(`SELECT "completionTokens", "workspaceId" FROM "UsageEvent" WHERE "conversationId" = ?`)
      .all(conversationId) as { completionTokens: number; workspaceId: string }[];
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.completionTokens).toBeGreaterThan(0);
    const { reserved } = db
      .prepare(`SELECT COALESCE(SUM(reserved), 0) AS reserved FROM "QuotaCounter" WHERE "workspaceId" = ?`)
      .get(ledger[0]?.workspaceId) as { reserved: number };
    expect(reserved).toBe(0);
  } finally {
    db.close();
  }
});
