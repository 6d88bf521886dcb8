import { expect, it } from "vitest";
import { textParts } from "@/lib/chat/parts";
import { db } from "@/lib/db/client";
import { listMessages } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { demoAnswer } from "@/lib/local-upstream/answers";
import {
  collect,
  createTestActor,
  describeDb,
  eventually,
  firstDelta,
  TEST_UPSTREAM_KEY,
  withLocalUpstream,
} from "@/lib/testing/fixtures";
import { tokenCounterFor } from "@/lib/usage/tokens";
import { type ChatInput, startChat } from "./pipeline";
import { followAnswer } from "./runs/follow";

const upstream = withLocalUpstream();

const ask = async (content: string, extra: Partial<ChatInput> = {}) => {
  const actor = extra.actor ?? (await createTestActor());
  return { actor, run: await startChat({ actor, messages: [{ role: "user", parts: textParts(content) }], ...extra }) };
};

const usageRows = (conversationId: string) =>
  db().usageEvent.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });

/** Llama 3 tokens of a text, by the tokenizer the app counts with. */
const llamaTokens = async (text: string) => (await tokenCounterFor("llama-3.3-70b-versatile")).text(text);

describeDb("chat pipeline", () => {
  it("streams the answer in several deltas and saves both messages and one usage row", async () => {
    const question = "Explain streaming in one paragraph";
    const { actor, run } = await ask(question);
    const { chunks, text, outcome } = await collect(run);

    const expected = demoAnswer([{ role: "user", content: question }]);
    expect(text).toBe(expected);
    expect(chunks.length).toBeGreaterThan(10);
    expect(run.created).toBe(true);
    expect(run.title).toBe(question);
    expect(outcome.status).toBe("COMPLETE");

    const messages = await listMessages(run.conversationId);
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "COMPLETE"],
      ["assistant", "COMPLETE"],
    ]);
    expect(messages[1]?.content).toBe(expected);

    const [usage, ...more] = await usageRows(run.conversationId);
    expect(more).toHaveLength(0);
    expect(usage).toMatchObject({
      userId: actor.userId,
      workspaceId: actor.workspaceId,
      messageId: outcome.messageId,
      outcome: "OK",
      source: "REPORTED",
      // As the local upstream reports them (Llama 3.1 template; figures from the independent
      // reference of lib/usage/fixtures): 41 prompt tokens, the answer's 115 + end-of-turn.
      promptTokens: 41,
      completionTokens: 116,
      // Priced at write time (the default price of this model).
      inputPricePer1k: 0.00059,
      outputPricePer1k: 0.00079,
      cost: 0.00011583, // 41 × $0.00059/1K + 116 × $0.00079/1K
    });
  });

  it("counts with the Llama 3 tokenizer when the upstream reports no usage", async () => {
    upstream.current.enqueueFault({ omitUsage: true });
    const { run } = await ask("No usage for this one");
    await collect(run);
    const [usage] = await usageRows(run.conversationId);
    // The reference's figures for this conversation: 40 prompt tokens, 111 + end-of-turn.
    expect(usage).toMatchObject({ source: "TOKENIZER", promptTokens: 40, completionTokens: 112 });
    const [, answer] = await listMessages(run.conversationId);
    expect(answer).toMatchObject({ tokenSource: "TOKENIZER", promptTokens: 40, completionTokens: 112 });
  });

  it("sends the whole history and the system prompt upstream when continuing a conversation", async () => {
    const { actor, run } = await ask("First question", { systemPrompt: "Be brief." });
    const first = await collect(run);
    const second = await startChat({
      actor,
      conversationId: run.conversationId,
      messages: [{ role: "user", parts: textParts("Second question") }],
    });
    await collect(second);
    expect(second.created).toBe(false);
    const sent = upstream.current.requests.at(-1)?.messages;
    expect(sent).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "First question" },
      { role: "assistant", content: first.text },
      { role: "user", content: "Second question" },
    ]);
    expect((await listMessages(run.conversationId)).map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
  });

  it("stops upstream when aborted and keeps the partial answer as STOPPED, with its tokens", async () => {
    upstream.current.enqueueFault({ chunkDelayMs: 30 });
    const { run } = await ask("Tell me something long");
    const received: string[] = [];
    for await (const { event } of followAnswer(run.answerId)) {
      if (event.type !== "delta" || event.delta.type !== "text") continue;
      received.push(event.delta.text);
      if (received.length === 3) run.generation.stop();
    }
    const outcome = await run.finished;
    expect(outcome.status).toBe("STOPPED");
    expect(outcome.content).toBe(received.join(""));

    const recorded = await eventually(() => upstream.current.requests.find((r) => r.aborted));
    expect(recorded.chunksSent).toBeLessThan(recorded.chunksPlanned);
    const [assistant] = (await listMessages(run.conversationId)).filter((m) => m.role === "assistant");
    expect(assistant).toMatchObject({ status: "STOPPED", content: received.join("") });
    const [usage] = await usageRows(run.conversationId);
    // Stopped: no usage arrives, so our own count of what was sent, without an end-of-turn token.
    expect(usage).toMatchObject({
      outcome: "STOPPED",
      source: "TOKENIZER",
      promptTokens: 39, // the reference's count for "Tell me something long" in the 3.1 template
      completionTokens: await llamaTokens(received.join("")),
    });
    expect(usage?.completionTokens).toBeGreaterThan(0);
  });

  it("saves the answer as STOPPED when the caller's signal aborts and nobody reads any more", async () => {
    upstream.current.enqueueFault({ chunkDelayMs: 30 });
    const caller = new AbortController();
    const { run } = await ask("Closing the tab", { signal: caller.signal });
    await firstDelta(run);
    caller.abort();
    expect((await run.finished).status).toBe("STOPPED");
  });

  it("fails before the first byte with a typed error, keeping the user's message and a usage row", async () => {
    upstream.current.enqueueFault({ status: 500 });
    const actor = await createTestActor();
    const error = await startChat({ actor, messages: [{ role: "user", parts: textParts("Will fail") }] }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "upstream_failed", message: "Failed to generate response" });
    const conversationId = String(error.details.conversationId);
    const messages = await listMessages(conversationId);
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "COMPLETE", "Will fail"],
      ["assistant", "ERROR", ""],
    ]);
    const [usage] = await usageRows(conversationId);
    expect(usage).toMatchObject({ outcome: "ERROR", completionTokens: 0, provider: "127.0.0.1" });
    expect(usage?.error).toContain("HTTP 500");
    expect(upstream.current.requests).toHaveLength(1); // no blind retries: fallbacks are configured

    // Retry answers the saved history: no duplicate user message, the failed answer replaced.
    const retry = await startChat({ actor, conversationId, messages: [] });
    await collect(retry);
    const after = await listMessages(conversationId);
    expect(after.map((m) => [m.role, m.status])).toEqual([
      ["user", "COMPLETE"],
      ["assistant", "COMPLETE"],
    ]);
    expect(await usageRows(conversationId)).toHaveLength(2);
  });

  it("answers a provider's overload at once with 503 and Retry-After, and a wrong key with 502", async () => {
    upstream.current.enqueueFault({ status: 429 });
    const busy = await ask("Busy provider").catch((e) => e);
    expect(busy).toMatchObject({ code: "upstream_overloaded", headers: { "Retry-After": "5" } });
    expect(busy.message).toBe("The model is busy. Try again in 5 seconds.");

    upstream.current.enqueueFault({ status: 401 });
    const refused = await ask("Wrong key").catch((e) => e);
    expect(refused).toMatchObject({ code: "upstream_misconfigured" });
    expect(refused.message).not.toContain("401");
    const [row] = await usageRows(String(refused.details.conversationId));
    expect(row?.error).toContain("HTTP 401"); // the cause, where admins see it
    expect(upstream.current.requests.map((r) => r.status)).toEqual([429, 401]);
  });

  it("records a broken stream as ERROR with the partial answer and non-zero tokens", async () => {
    upstream.current.enqueueFault({ cutAfterChunks: 5 });
    const { run } = await ask("Cut me off");
    const { text, outcome } = await collect(run);
    expect(outcome.status).toBe("ERROR");
    expect(outcome.error).toMatch(/interrupted/);
    expect(text.length).toBeGreaterThan(0);
    const [usage] = await usageRows(run.conversationId);
    expect(usage).toMatchObject({ outcome: "ERROR", source: "TOKENIZER", completionTokens: await llamaTokens(text) });
    expect(usage?.promptTokens).toBeGreaterThan(0);
  });

  it("times out when the upstream sends no first byte in time", async () => {
    upstream.current.enqueueFault({ firstByteDelayMs: 2500 });
    const error = await ask("Slow").catch((e) => e);
    expect(error).toMatchObject({ code: "upstream_failed", message: "Failed to generate response" });
    const [row] = await usageRows(String(error.details.conversationId));
    expect(row?.error).toContain("timeout");
  });

  it("lets nobody but the owner post into a conversation, without calling upstream", async () => {
    const { run } = await ask("Mine");
    await collect(run);
    const stranger = await createTestActor("Stranger");
    const before = upstream.current.requests.length;
    const error = await startChat({
      actor: stranger,
      conversationId: run.conversationId,
      messages: [{ role: "user", parts: textParts("Let me in") }],
    }).catch((e) => e);
    expect(error).toMatchObject({ code: "not_found" });
    expect(upstream.current.requests).toHaveLength(before);
    expect(await listMessages(run.conversationId)).toHaveLength(2);
  });

  it("accepts only configured models", async () => {
    const error = await ask("Hi", { model: "gpt-unknown" }).catch((e) => e);
    expect(error).toMatchObject({ code: "invalid_request" });
    expect(error.message).toContain("llama-3.3-70b-versatile");
  });

  it("sends the server-held key upstream and never back to the caller", async () => {
    upstream.current.enqueueFault({ cutAfterChunks: 2 });
    const { run } = await ask("Where is the key?");
    const { text, outcome } = await collect(run);
    expect(upstream.current.requests[0]?.authorization).toBe(`Bearer ${TEST_UPSTREAM_KEY}`);
    const visible = JSON.stringify({ text, outcome, run });
    expect(visible).not.toContain(TEST_UPSTREAM_KEY);
  });

  it("keeps usage rows when their conversation is deleted", async () => {
    const { run } = await ask("Delete me later");
    await collect(run);
    await db().conversation.delete({ where: { id: run.conversationId } });
    const rows = await db().usageEvent.findMany({
      where: { conversationId: null, messageId: (await run.finished).messageId },
    });
    expect(rows).toHaveLength(1);
  });
});
