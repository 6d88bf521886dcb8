import { describe, expect, it } from "vitest";
import { parseChatApiBody } from "./chat-body";

const error = (body: unknown) => {
  try {
    parseChatApiBody(typeof body === "string" ? body : JSON.stringify(body));
  } catch (e) {
    return (e as Error).message;
  }
  return null;
};

describe("POST /api/v1/chat body (seed 002)", () => {
  it("accepts the documented valid shapes", () => {
    expect(parseChatApiBody(JSON.stringify({ messages: [{ role: "user", content: "Your message here" }] }))).toEqual({
      messages: [{ role: "user", parts: [{ type: "text", text: "Your message here" }] }],
    });
    const full = parseChatApiBody(
      JSON.stringify({
        messages: [
          { role: "system", content: "You are a technical writer." },
          { role: "user", content: "Explain what an API is.", name: "ada" },
        ],
        model: "llama-3.3-70b-versatile",
        conversation_id: "c1",
        system_prompt: "Be brief",
        max_tokens: 100,
        temperature: 0.7,
      }),
    );
    expect(full).toMatchObject({
      model: "llama-3.3-70b-versatile",
      conversationId: "c1",
      systemPrompt: "Be brief",
      maxTokens: 100,
      temperature: 0.7,
    });
    expect(full.messages).toHaveLength(2);
  });

  it.each([
    ["not JSON", "{oops", "Invalid request body"],
    ["an array body", [], "Invalid request body"],
    ["a string body", '"hello"', "Invalid request body"],
    ["null", "null", "Invalid request body"],
    ["no messages", {}, "Messages array is required"],
    ["messages not an array", { messages: "hi" }, "Messages array is required"],
    ["an empty messages array", { messages: [] }, "Messages array is required"],
    ["a missing content field", { messages: [{ role: "user" }] }, "Last message must have valid content"],
    ["an empty content string", { messages: [{ role: "user", content: "" }] }, "Last message must have valid content"],
    ["whitespace content", { messages: [{ role: "user", content: "  \n" }] }, "Last message must have valid content"],
    ["non-string content", { messages: [{ role: "user", content: 42 }] }, "Last message must have valid content"],
    [
      "an invalid role",
      { messages: [{ role: "invalid_role", content: "Hello" }] },
      "messages[0].role must be one of: user, assistant, system",
    ],
    [
      "an empty earlier message",
      {
        messages: [
          { role: "user", content: "" },
          { role: "user", content: "ok" },
        ],
      },
      "messages[0].content must be a non-empty string",
    ],
    ["a non-object message", { messages: ["hi", { role: "user", content: "ok" }] }, "messages[0] must be an object"],
    [
      "temperature above 2",
      { messages: [{ role: "user", content: "x" }], temperature: 3 },
      "temperature must be a number between 0 and 2",
    ],
    [
      "negative max_tokens",
      { messages: [{ role: "user", content: "x" }], max_tokens: -1 },
      "max_tokens must be a positive integer",
    ],
    [
      "fractional max_tokens",
      { messages: [{ role: "user", content: "x" }], max_tokens: 1.5 },
      "max_tokens must be a positive integer",
    ],
  ])("refuses %s", (_name, body, message) => {
    expect(error(body)).toBe(message);
  });
});
