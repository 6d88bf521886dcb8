import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listMessages } from "@/lib/db/conversations";
import { collect, createTestActor, describeDb, withTwoProviders } from "@/lib/testing/fixtures";
import { startChat } from "./pipeline";

const upstream = withTwoProviders();

const usageRows = (conversationId: string) =>
  db().usageEvent.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });

const weather = {
  tools: [
    {
      name: "get_weather",
      description: "The weather in a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  ],
};

describeDb("a conversation through each provider adapter", () => {
  it.each(["llama", "claude"])("%s: stores the same parts and the provider-reported usage exactly", async (model) => {
    const actor = await createTestActor();
    const question = "Please use get_weather for Paris";
    const run = await startChat({
      actor,
      model,
      messages: [{ role: "user", parts: [{ type: "text", text: question }] }],
      options: weather,
    });
    const { outcome, deltas } = await collect(run);
    expect(outcome).toMatchObject({ status: "COMPLETE", finishReason: "tool_calls", model });
    const call = {
      type: "tool-call",
      id: expect.stringMatching(/^(call|toolu)_/),
      name: "get_weather",
      arguments: JSON.stringify({ city: question }),
    };
    expect(outcome.parts).toEqual([call]);
    expect(deltas.filter((d) => d.type === "tool-call").length).toBeGreaterThan(1); // streamed in fragments

    const recorded = upstream.current.requests.at(-1);
    expect(recorded?.api).toBe(model === "llama" ? "openai" : "anthropic");
    const [, answer] = await listMessages(run.conversationId);
    expect(answer).toMatchObject({
      parts: [call],
      content: "",
      provider: model === "llama" ? "local-openai" : "local-anthropic",
    });

    // The tool's result goes back; the model answers with text.
    const second = await startChat({
      actor,
      conversationId: run.conversationId,
      messages: [
        {
          role: "tool",
          parts: [
            {
              type: "tool-result",
              callId: outcome.parts[0]?.type === "tool-call" ? outcome.parts[0].id : "",
              content: "18°C and sunny",
            },
          ],
        },
      ],
    });
    const end = await collect(second);
    expect(end.outcome).toMatchObject({
      status: "COMPLETE",
      finishReason: "stop",
      content: "The tool answered: 18°C and sunny",
    });
    const rows = await usageRows(run.conversationId);
    expect(rows).toHaveLength(2);
    // Exactly what the provider reported (the local upstream counts as providers do).
    const [first, last] = rows;
    expect(first).toMatchObject({
      source: "REPORTED",
      promptTokens: outcome.promptTokens,
      completionTokens: outcome.completionTokens,
      outcome: "OK",
    });
    expect(last).toMatchObject({
      source: "REPORTED",
      promptTokens: end.outcome.promptTokens,
      completionTokens: end.outcome.completionTokens,
    });
    expect(first?.promptTokens).toBeGreaterThan(0);
  });

  it.each(["llama", "claude"])(
    "%s: keeps reasoning as a part before the answer, and sends none of it back",
    async (model) => {
      const actor = await createTestActor();
      // The local upstream thinks aloud when the question says "think".
      const question = "Think: why is the sky blue?";
      const run = await startChat({
        actor,
        model,
        messages: [{ role: "user", parts: [{ type: "text", text: question }] }],
      });
      const { outcome, deltas } = await collect(run);
      expect(deltas[0]).toEqual({ type: "reasoning", text: "Thinking " });
      expect(outcome.parts).toEqual([
        {
          type: "reasoning",
          text: `Thinking about: "${question}". A short, clear answer fits.`,
          durationMs: expect.any(Number),
        },
        { type: "text", text: outcome.content },
      ]);
      const [, answer] = await listMessages(run.conversationId);
      expect(answer?.parts).toEqual(outcome.parts);

      const next = await startChat({
        actor,
        conversationId: run.conversationId,
        messages: [{ role: "user", parts: [{ type: "text", text: "And at night?" }] }],
      });
      await collect(next);
      const sent = JSON.stringify(upstream.current.requests.at(-1)?.messages);
      expect(sent).toContain(outcome.content.slice(0, 40));
      expect(sent).not.toContain("Thinking about");
    },
  );
});

describeDb("fallbacks", () => {
  it("falls back to the next model when the primary answers 503 before its first byte; the ledger holds both attempts", async () => {
    upstream.current.enqueueFault({ status: 503 });
    const actor = await createTestActor();
    const run = await startChat({
      actor,
      model: "llama",
      messages: [{ role: "user", parts: [{ type: "text", text: "Hello" }] }],
    });
    const { outcome, text } = await collect(run);
    expect(run).toMatchObject({ model: "claude", provider: "local-anthropic" });
    expect(outcome).toMatchObject({ status: "COMPLETE", model: "claude", provider: "local-anthropic" });
    expect(text.length).toBeGreaterThan(0);
    expect(upstream.current.requests.map((r) => [r.api, r.status])).toEqual([
      ["openai", 503],
      ["anthropic", 200],
    ]);
    const rows = await usageRows(run.conversationId);
    expect(rows.map((r) => [r.model, r.provider, r.outcome, r.messageId === null])).toEqual([
      ["llama", "local-openai", "ERROR", true],
      ["claude", "local-anthropic", "OK", false],
    ]);
    expect(rows[0]).toMatchObject({ promptTokens: 0, completionTokens: 0, cost: null });
    expect(rows[0]?.error).toContain("HTTP 503");
    expect(rows[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    // Priced at the answering model's price.
    expect(rows[1]).toMatchObject({ inputPricePer1k: 0.003, outputPricePer1k: 0.015 });
    const [, answer] = await listMessages(run.conversationId);
    expect(answer).toMatchObject({ model: "claude", provider: "local-anthropic" });
  });

  it("answers 503 with Retry-After when every model of the chain is overloaded", async () => {
    upstream.current.enqueueFault({ status: 429, times: 2 });
    const actor = await createTestActor();
    const error = await startChat({
      actor,
      model: "claude",
      messages: [{ role: "user", parts: [{ type: "text", text: "Hi" }] }],
    }).catch((e) => e);
    expect(error).toMatchObject({ code: "upstream_overloaded", headers: { "Retry-After": "5" } });
    expect(await usageRows(String(error.details.conversationId))).toHaveLength(2);
  });

  it("does not fall back from a provider that refuses our key", async () => {
    upstream.current.enqueueFault({ status: 401 });
    const actor = await createTestActor();
    const error = await startChat({
      actor,
      model: "llama",
      messages: [{ role: "user", parts: [{ type: "text", text: "Hi" }] }],
    }).catch((e) => e);
    expect(error).toMatchObject({ code: "upstream_misconfigured" });
    expect(upstream.current.requests).toHaveLength(1);
  });

  it.each(["llama", "claude"])("%s: a stream broken after the first byte is not retried", async (model) => {
    upstream.current.enqueueFault({ cutAfterChunks: 3 });
    const actor = await createTestActor();
    const run = await startChat({
      actor,
      model,
      messages: [{ role: "user", parts: [{ type: "text", text: "Cut me" }] }],
    });
    const { outcome, thrown, text } = await collect(run);
    expect(thrown).toMatchObject({ code: "upstream_failed" });
    expect(outcome).toMatchObject({ status: "ERROR", model });
    expect(text.length).toBeGreaterThan(0);
    expect(upstream.current.requests).toHaveLength(1);
    const rows = await usageRows(run.conversationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.error).toContain("interrupted");
  });
});
