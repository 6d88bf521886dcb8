import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseOpenAiEvents } from "@/lib/providers/openai-compatible";
import type { ProviderUsage } from "@/lib/providers/types";
import { upstreamBodyOf } from "@/lib/providers/upstream-body-testing";
import { countUsage, type PromptMessage } from "./tokens";

/**
 * Our tokenizer path against provider-reported usage, on the Llama family.
 *
 * The fixtures are NOT captures from a live provider (these machines reach none): they are
 * streams in the provider's wire format whose `usage` comes from an independent reference —
 * Hugging Face's tokenizer with Meta's own chat templates — as record-llama-streams.ts explains.
 * So this proves our counting matches what a server running Meta's tokenizer and template
 * reports; a provider with a different template or accounting would need its own fixtures.
 */
interface Fixture {
  name: string;
  model: string;
  messages: PromptMessage[];
  sse: string;
}

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/llama-streams.json", import.meta.url), "utf8"),
) as Fixture[];

/** Replays a recorded stream through the app's own SSE parser. */
async function replay(sse: string): Promise<{ text: string; usage: ProviderUsage | null }> {
  let text = "";
  let usage: ProviderUsage | null = null;
  for await (const event of parseOpenAiEvents(upstreamBodyOf([sse]), new AbortController().signal)) {
    if (event.type === "usage") usage = event.usage;
    else if (event.type === "text") text += event.text;
  }
  return { text, usage };
}

describe("token counting accuracy (Llama family)", () => {
  it("is within 3% of the reported usage once the usage is removed", async () => {
    let reportedTotal = 0;
    let absoluteError = 0;
    const rows: string[] = [];
    for (const fixture of fixtures) {
      const { text, usage } = await replay(fixture.sse);
      expect(usage, fixture.name).not.toBeNull();
      const reported = usage as ProviderUsage;
      // The pipeline's path when no usage arrives: the stream ended normally, so "finished".
      const ours = await countUsage(fixture.model, fixture.messages, text, true);
      expect(ours.source).toBe("TOKENIZER");
      const error =
        Math.abs(ours.promptTokens - reported.promptTokens) +
        Math.abs(ours.completionTokens - reported.completionTokens);
      const total = reported.promptTokens + reported.completionTokens;
      reportedTotal += total;
      absoluteError += error;
      rows.push(
        `${fixture.name.padEnd(42)} reported ${reported.promptTokens}+${reported.completionTokens}  ours ${ours.promptTokens}+${ours.completionTokens}  error ${((100 * error) / total).toFixed(2)}%`,
      );
      expect(error / total, fixture.name).toBeLessThanOrEqual(0.03);
    }
    const overall = absoluteError / reportedTotal;
    console.log(
      `${rows.join("\n")}\ntoken count error on ${fixtures.length} Llama streams: ${(100 * overall).toFixed(2)}% (${absoluteError} of ${reportedTotal} tokens)`,
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    expect(overall).toBeLessThanOrEqual(0.03);
  });
});
