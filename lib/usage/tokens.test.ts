import { describe, expect, it } from "vitest";
import { countUsage, familyOf, tokenCounterFor } from "./tokens";

// OpenAI's cookbook example ("How to count tokens with tiktoken"), whose published count for the
// gpt-3.5-turbo / gpt-4 family (cl100k_base) is 129 prompt tokens.
const COOKBOOK = [
  {
    role: "system",
    content: "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
  },
  { role: "system", name: "example_user", content: "New synergies will help drive top-line growth." },
  { role: "system", name: "example_assistant", content: "Things working in synergy will increase revenue." },
  {
    role: "system",
    name: "example_user",
    content: "Let's circle back when we have more time to touch base on opportunities for increased leverage.",
  },
  {
    role: "system",
    name: "example_assistant",
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: "user",
    content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

describe("token counters", () => {
  it("knows the tokenizer family of common model ids", () => {
    expect(familyOf("llama-3.3-70b-versatile")).toBe("llama-3.1");
    expect(familyOf("meta-llama/Llama-3.1-8B-Instruct")).toBe("llama-3.1");
    expect(familyOf("llama3-70b-8192")).toBe("llama-3");
    expect(familyOf("gpt-4o-mini")).toBe("o200k_base");
    expect(familyOf("openai/gpt-4.1")).toBe("o200k_base");
    expect(familyOf("gpt-4-turbo")).toBe("cl100k_base");
    expect(familyOf("gpt-3.5-turbo")).toBe("cl100k_base");
    expect(familyOf("mixtral-8x7b-32768")).toBeNull();
    expect(familyOf("llama-4-scout")).toBeNull();
  });

  it("counts GPT prompts as OpenAI documents it", async () => {
    const counter = await tokenCounterFor("gpt-4");
    expect(counter.source).toBe("TOKENIZER");
    expect(counter.prompt(COOKBOOK)).toBe(129);
    expect(counter.text("Hello world!")).toBe(3);
  });

  it("counts a Llama 3.3 prompt with its template: the system block and the answer's header", async () => {
    const counter = await tokenCounterFor("llama-3.3-70b-versatile");
    // "Hi" is 1 token; the 3.1 template adds BOS, the 25-token system block with its preamble, the
    // user turn's 5 and the assistant header's 4.
    expect(counter.text("Hi")).toBe(1);
    expect(counter.prompt([{ role: "user", content: "Hi" }])).toBe(36);
    // A system prompt joins the same block rather than adding one.
    const withSystem = counter.prompt([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
    ]);
    expect(withSystem).toBe(36 + counter.text("Be brief."));
  });

  it("falls back to ~4 characters a token for unknown families, and says so", async () => {
    const usage = await countUsage(
      "mixtral-8x7b-32768",
      [{ role: "user", content: "x".repeat(10) }],
      "y".repeat(9),
      true,
    );
    expect(usage).toEqual({ promptTokens: 3, completionTokens: 3, source: "ESTIMATED" });
  });

  it("adds the end-of-turn token only to answers the model finished", async () => {
    const finished = await countUsage("llama-3.3-70b-versatile", [], "Hello world!", true);
    const cut = await countUsage("llama-3.3-70b-versatile", [], "Hello world!", false);
    expect(finished.completionTokens).toBe(4);
    expect(cut.completionTokens).toBe(3);
  });
});
