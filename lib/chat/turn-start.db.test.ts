import { expect, it } from "vitest";
import * as chatRoute from "@/app/api/v1/chat/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { databaseUrl, db, driver, isPostgresUrl } from "@/lib/db/client";
import { readCounter } from "@/lib/db/quota-counters";
import { findMemberLimits } from "@/lib/db/workspaces";
import { createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { currentPeriod } from "@/lib/usage/quota";
import { textParts } from "./parts";
import { startChat } from "./pipeline";

/**
 * The turn's rows are written beside the provider call, not before it (lib/chat/pipeline.ts):
 * what a client is promised still holds once it has the first byte.
 */
const upstream = withLocalUpstream();

/** Holds PostgreSQL's Generation table for `ms`: the turn's rows are written after the provider's first byte. */
async function delayTurnWrites(ms: number): Promise<() => Promise<void>> {
  const target = driver();
  if (target.kind !== "postgresql") return async () => {};
  const client = await target.pool.connect();
  await client.query('BEGIN; LOCK TABLE "Generation" IN ACCESS EXCLUSIVE MODE');
  const released = new Promise((resolve) => setTimeout(resolve, ms)).then(async () => {
    await client.query("COMMIT");
    client.release();
  });
  return () => released;
}

describeDb("the turn's rows, written beside the provider call", () => {
  it("are there when the API's first byte is: the conversation in X-Conversation-Id can be read at once", async () => {
    upstream.current.enqueueFault({ chunkDelayMs: 20 });
    const actor = await createTestActor();
    const { key } = await createApiKey({
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      name: "k",
      expiresAt: null,
    });
    const released = await delayTurnWrites(400);
    const started = performance.now();
    const response = await chatRoute.POST(
      new Request("http://localhost/api/v1/chat", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "Read me right away" }] }),
      }),
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const waited = performance.now() - started;
    const conversationId = response.headers.get("X-Conversation-Id") ?? "";
    const conversation = await db().conversation.findUnique({ where: { id: conversationId } });
    const messages = await db().message.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });

    expect(response.status).toBe(200);
    expect(first.done).toBe(false);
    expect(conversation).toMatchObject({ ownerId: actor.userId, workspaceId: actor.workspaceId });
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "COMPLETE"],
      ["assistant", "GENERATING"],
    ]);
    if (isPostgresUrl(databaseUrl())) expect(waited).toBeGreaterThanOrEqual(390);
    await released();
    while (!(await reader.read()).done) {}
  });

  it("when they cannot be written, nothing is answered or charged and the reservation is given back", async () => {
    const actor = await createTestActor();
    const limits = await findMemberLimits(actor.workspaceId, actor.userId);
    // A user who is not there: the conversation's row cannot be written (its owner's key).
    const ghost = { ...actor, userId: "no-such-user", limits: limits ?? undefined };
    // Failed before the provider's first byte, the request fails; after it, the answer does.
    const ended = await startChat({ actor: ghost, messages: [{ role: "user", parts: textParts("Anyone?") }] }).then(
      (run) => run.finished,
      (error: Error) => ({ status: "ERROR", error: "The answer could not be saved.", content: "", thrown: error }),
    );

    expect(ended).toMatchObject({ status: "ERROR", error: "The answer could not be saved.", content: "" });
    if ("thrown" in ended) expect(ended.thrown.message).toMatch(/foreign key constraint/i);
    expect(await db().conversation.count({ where: { workspaceId: actor.workspaceId } })).toBe(0);
    expect(await db().usageEvent.count({ where: { workspaceId: actor.workspaceId } })).toBe(0);
    const counter = await readCounter({ workspaceId: actor.workspaceId, userId: "", period: currentPeriod() });
    expect(counter).toEqual({ used: 0, reserved: 0 });
  });
});
