import { describe, expect, it } from "vitest";
import { anthropicBody, parseAnthropicEvents } from "./anthropic";
import { ProviderInterruptedError, type UpstreamBody } from "./http";
import type { NeutralRequest, ProviderEvent } from "./types";
import { upstreamBodyOf } from "./upstream-body-testing";

const signal = new AbortController().signal;
const text = (t: string) => ({ type: "text" as const, text: t });
const base: NeutralRequest = { model: "claude-sonnet-4-5", messages: [{ role: "user", parts: [text("Hi")] }], signal };

const sse = (events: object[]) =>
  upstreamBodyOf([
    events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join(""),
  ]);

async function all(body: UpstreamBody): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const event of parseAnthropicEvents(body, signal)) out.push(event);
  return out;
}

describe("anthropicBody", () => {
  it("puts the system prompt at the top level, requires max_tokens, and translates tool calls and results", () => {
    const body = anthropicBody({
      ...base,
      messages: [
        { role: "system", parts: [text("Be brief.")] },
        {
          role: "user",
          parts: [text("Weather?"), { type: "file", mediaType: "image/jpeg", url: "https://example.test/a.jpg" }],
        },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: "Call the tool." },
            text("Checking."),
            { type: "tool-call", id: "toolu_1", name: "get_weather", arguments: '{"city":"Paris"}' },
          ],
        },
        { role: "tool", parts: [{ type: "tool-result", callId: "toolu_1", content: "18°C", isError: false }] },
        { role: "user", parts: [text("Thanks")] },
      ],
      tools: [{ name: "get_weather", description: "Weather", parameters: { type: "object" } }],
      toolChoice: "required",
      parallelToolCalls: false,
      stop: ["END"],
      topP: 0.9,
      user: "u1",
    });
    expect(body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      stream: true,
      system: "Be brief.",
      messages: [
        {
          role: "user",
          content: [text("Weather?"), { type: "image", source: { type: "url", url: "https://example.test/a.jpg" } }],
        },
        {
          role: "assistant",
          content: [
            text("Checking."),
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        // The tool's result and the next question are one user turn: Anthropic's turns alternate.
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "18°C" }, text("Thanks")] },
      ],
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object" } }],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      stop_sequences: ["END"],
      top_p: 0.9,
      metadata: { user_id: "u1" },
    });
  });

  it("sends a data: URL image as base64", () => {
    const body = anthropicBody({
      ...base,
      maxTokens: 100,
      messages: [
        { role: "user", parts: [{ type: "file", mediaType: "image/png", url: "data:image/png;base64,AAAA" }] },
      ],
    });
    expect(body.max_tokens).toBe(100);
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } }] },
    ]);
  });

  it.each([
    [{ seed: 1 }, "seed"],
    [{ presencePenalty: 0.5 }, "presence_penalty"],
    [{ frequencyPenalty: 0.5 }, "frequency_penalty"],
    [{ responseFormat: { type: "json_object" as const } }, "response_format json_object"],
    [{ responseFormat: { type: "json_schema" as const, name: "x", schema: {} } }, "response_format json_schema"],
    [{ temperature: 1.5 }, "temperature above 1"],
  ])("refuses %o with a 400 naming it, never dropping it", (option, name) => {
    expect(() => anthropicBody({ ...base, ...option })).toThrow(
      expect.objectContaining({
        failure: "unsupported",
        code: "invalid_request",
        message: expect.stringContaining(name),
      }),
    );
  });
});

describe("parseAnthropicEvents", () => {
  const start = {
    type: "message_start",
    message: { usage: { input_tokens: 25, output_tokens: 1, cache_read_input_tokens: 5 } },
  };
  const stop = [
    { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 42 } },
    { type: "message_stop" },
  ];

  it("reads thinking, text, tool use with its JSON in pieces, the stop reason and the usage", async () => {
    const events = await all(
      sse([
        start,
        { type: "ping" },
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Hmm." } },
        { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig" } },
        { type: "content_block_stop", index: 0 },
        { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Let me check." } },
        { type: "content_block_stop", index: 1 },
        {
          type: "content_block_start",
          index: 2,
          content_block: { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} },
        },
        { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '{"city":' } },
        { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '"Paris"}' } },
        { type: "content_block_stop", index: 2 },
        ...stop,
      ]),
    );
    expect(events).toEqual([
      { type: "reasoning", text: "Hmm." },
      { type: "text", text: "Let me check." },
      { type: "tool-call", index: 0, id: "toolu_1", name: "get_weather", arguments: "" },
      { type: "tool-call", index: 0, arguments: '{"city":' },
      { type: "tool-call", index: 0, arguments: '"Paris"}' },
      { type: "finish", reason: "tool_calls" },
      { type: "usage", usage: { promptTokens: 30, completionTokens: 42 } },
    ]);
  });

  it("treats a stream without message_stop, or an error event, as interrupted", async () => {
    const delta = { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Par" } };
    await expect(all(sse([start, delta]))).rejects.toBeInstanceOf(ProviderInterruptedError);
    await expect(
      all(sse([start, delta, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }])),
    ).rejects.toThrow(/Overloaded/);
  });
});
