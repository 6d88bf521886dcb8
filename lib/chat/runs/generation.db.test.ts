import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listMessages } from "@/lib/db/conversations";
import { readCounter } from "@/lib/db/quota-counters";
import { saveTurnStart } from "@/lib/db/turns";
import { findMemberLimits } from "@/lib/db/workspaces";
import { createTestActor, describeDb, eventually, firstDelta, withLocalUpstream } from "@/lib/testing/fixtures";
import { currentPeriod, reserveTokens } from "@/lib/usage/quota";
import { textParts } from "../parts";
import { startChat } from "../pipeline";
import { followAnswer, followableAnswer, stopAnswer } from "./follow";
import type { LogEntry } from "./log";
import { THIS_PROCESS } from "./owner";
import { reapDeadGenerations } from "./reaper";
import { signalStop } from "./signals";

const upstream = withLocalUpstream();

async function read(entries: AsyncGenerator<LogEntry>, until?: (text: string) => boolean) {
  const seen = { text: "", end: null as Extract<LogEntry["event"], { type: "end" }>["outcome"] | null, last: "" };
  for await (const { offset, event } of entries) {
    seen.last = offset;
    if (event.type === "end") seen.end = event.outcome;
    else if (event.delta.type === "text") seen.text += event.delta.text;
    if (until?.(seen.text)) break;
  }
  return seen;
}

/** An answer started by the browser's door: it outlives its readers for `graceMs`. */
async function browserAnswer(question: string, graceMs: number, answerTokens?: number) {
  upstream.current.enqueueFault({ chunkDelayMs: 20, answerTokens });
  const actor = await createTestActor();
  const run = await startChat({ actor, messages: [{ role: "user", parts: textParts(question) }] });
  run.generation.stopWhenUnreadFor(graceMs);
  return { actor, run };
}

describeDb("answers as logs that outlive their readers", () => {
  it("lets a second reader pick up an answer mid-way, from the start or from an offset", async () => {
    const { actor, run } = await browserAnswer("A long one", 5_000);
    const first = await read(followAnswer(run.answerId, { keepsAliveFor: 5_000 }), (t) => t.length > 20);

    // The answer is checkpointed on its row, which no listing shows while it is generated.
    expect(await listMessages(run.conversationId)).toHaveLength(1);
    const found = await followableAnswer(actor, run.conversationId);
    expect(found).toEqual({ id: run.answerId, parentId: run.parentId });

    const [again, resumed] = await Promise.all([
      read(followAnswer(run.answerId, { keepsAliveFor: 5_000 })),
      read(followAnswer(run.answerId, { from: first.last, keepsAliveFor: 5_000 })),
    ]);
    const outcome = await run.finished;
    expect(outcome.status).toBe("COMPLETE");
    expect(again.text).toBe(outcome.content);
    expect(again.end).toEqual(outcome);
    expect(first.text + resumed.text).toBe(outcome.content);
    expect(await followableAnswer(actor, run.conversationId)).toBeNull();
    const answer = (await listMessages(run.conversationId)).find((m) => m.role === "assistant");
    expect(answer).toMatchObject({ id: run.answerId, status: "COMPLETE", content: outcome.content });

    const stranger = await createTestActor();
    await expect(followableAnswer(stranger, run.conversationId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("writes the text so far to the answer's row about every second, with a heartbeat", async () => {
    const { run } = await browserAnswer("Checkpoint me", 5_000);
    const reading = read(followAnswer(run.answerId, { keepsAliveFor: 5_000 }));
    const row = await waitFor(async () => {
      const found = await db().message.findUnique({ where: { id: run.answerId } });
      return found && found.content.length > 0 ? found : null;
    });
    expect(row.status).toBe("GENERATING");
    expect(row.heartbeatAt?.getTime()).toBeGreaterThan(Date.now() - 3_000);
    const outcome = await run.finished;
    expect(outcome.content.startsWith(row.content)).toBe(true);
    expect((await reading).text).toBe(outcome.content);
    expect(await db().generation.findUnique({ where: { messageId: run.answerId } })).toBeNull();
  });

  it("stops and saves the answer once nobody has read it for the grace period", async () => {
    // Long enough to outlast the heartbeat that notices nobody reads it any more.
    const { run } = await browserAnswer("Closing the tab", 60, 400);
    const seen = await read(followAnswer(run.answerId, { keepsAliveFor: 60 }), (t) => t.length > 10);

    const outcome = await run.finished;
    expect(outcome.status).toBe("STOPPED");
    const recorded = await eventually(() => upstream.current.requests.find((r) => r.aborted));
    expect(recorded.chunksSent).toBeLessThan(recorded.chunksPlanned);
    const answer = (await listMessages(run.conversationId)).find((m) => m.role === "assistant");
    expect(answer).toMatchObject({ status: "STOPPED", content: outcome.content });
    expect(outcome.content.startsWith(seen.text)).toBe(true);
  });

  it("ends every reader's stream with the saved text when Stop is pressed", async () => {
    const { actor, run } = await browserAnswer("Stop me", 5_000);
    const reading = read(followAnswer(run.answerId, { keepsAliveFor: 5_000 }));
    await firstDelta(run);
    expect(await stopAnswer(actor, run.conversationId)).toBe(true);
    const outcome = await run.finished;
    expect(outcome.status).toBe("STOPPED");
    const seen = await reading;
    expect(seen.end?.content).toBe(seen.text);
    expect(await stopAnswer(actor, run.conversationId)).toBe(false);
  });

  it("stops an answer from another instance through the signal it polls, within about a second", async () => {
    const { run } = await browserAnswer("Stop me from elsewhere", 5_000);
    const reading = read(followAnswer(run.answerId, { keepsAliveFor: 5_000 }));
    await firstDelta(run);
    const asked = Date.now();
    await signalStop(run.answerId); // what an instance that does not run it does
    expect((await run.finished).status).toBe("STOPPED");
    expect(Date.now() - asked).toBeLessThan(2_500);
    expect((await reading).end?.status).toBe("STOPPED");
  });

  it("finishes a dead run exactly once when two reapers race: INTERRUPTED, one ledger row, no reservation", async () => {
    // Run by an instance on another machine: only its heartbeat can tell.
    const { actor, conversationId, answerId } = await stalledRun("another-host/1");

    const finished = await Promise.all([reapDeadGenerations(), reapDeadGenerations(), reapDeadGenerations()]);
    expect(finished.reduce((a, b) => a + b, 0)).toBe(1);

    const answer = (await listMessages(conversationId)).find((m) => m.role === "assistant");
    expect(answer).toMatchObject({ id: answerId, status: "INTERRUPTED", content: "It was saying something when" });
    const rows = await db().usageEvent.findMany({ where: { messageId: answerId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "INTERRUPTED", source: "TOKENIZER" });
    expect(rows[0]?.completionTokens).toBeGreaterThan(0);
    expect(rows[0]?.promptTokens).toBeGreaterThan(0);
    const counter = await readCounter({ workspaceId: actor.workspaceId, userId: "", period: currentPeriod() });
    expect(counter).toEqual({ used: (rows[0]?.promptTokens ?? 0) + (rows[0]?.completionTokens ?? 0), reserved: 0 });
    const conversation = await db().conversation.findUnique({ where: { id: conversationId } });
    expect(conversation?.activeLeafId).toBe(answerId);
    expect(await reapDeadGenerations()).toBe(0);
  });

  it("tells a paused run from a dead one on this host by its process, not its heartbeat", async () => {
    // A worker waiting for SQLite's write lock beats late but lives; a killed one is gone.
    const paused = await stalledRun(THIS_PROCESS);
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const dead = await stalledRun(`${hostname()}/${gone}`);
    expect(await reapDeadGenerations()).toBe(1);
    const statusOf = async (id: string) => (await db().message.findUnique({ where: { id } }))?.status;
    expect(await statusOf(dead.answerId)).toBe("INTERRUPTED");
    expect(await statusOf(paused.answerId)).toBe("GENERATING");
    await db().generation.delete({ where: { messageId: paused.answerId } });
  });

  it("leaves a live run alone", async () => {
    const { run } = await browserAnswer("Alive", 5_000);
    const reading = read(followAnswer(run.answerId, { keepsAliveFor: 5_000 }));
    await firstDelta(run);
    expect(await reapDeadGenerations(0)).toBe(0);
    expect((await run.finished).status).toBe("COMPLETE");
    await reading;
  });
});

/** A run's rows as its process left them, its last checkpoint a minute ago. */
async function stalledRun(owner: string) {
  const actor = await createTestActor();
  const limits = await findMemberLimits(actor.workspaceId, actor.userId);
  if (!limits) throw new Error("no limits");
  const reservation = await reserveTokens(actor.workspaceId, actor.userId, limits, { prompt: 24, answer: 976 });
  const prompt = [{ role: "user", content: "What happens if the server dies?" }];
  const { conversationId, answerId } = await saveTurnStart({
    create: {
      workspaceId: actor.workspaceId,
      ownerId: actor.userId,
      title: "Crash",
      model: "llama-3.3-70b-versatile",
      systemPrompt: null,
    },
    messages: [{ role: "user", parts: textParts(prompt[0]?.content ?? "") }],
    place: { parentId: null, discard: [], link: [] },
    answer: {
      model: "llama-3.3-70b-versatile",
      userId: actor.userId,
      workspaceId: actor.workspaceId,
      apiKeyId: null,
      prompt,
      reservation,
      owner,
    },
  });
  await db().message.update({
    where: { id: answerId },
    data: { content: "It was saying something when", heartbeatAt: new Date(Date.now() - 60_000) },
  });
  return { actor, conversationId, answerId };
}

async function waitFor<T>(check: () => Promise<T | null>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
