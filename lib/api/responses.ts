import { z } from "zod";

/**
 * The success bodies of the OpenAI-compatible endpoints (seed 003, with seed 004's fields): the
 * builders are typed against these schemas, the OpenAPI document is generated from them, and the
 * tests hold real responses to them. Strict objects, so a field the server adds and the schema
 * lacks fails those tests instead of going undocumented.
 */

const Count = z.number().int().min(0);
const FinishReason = z.enum(["stop", "length", "tool_calls", "content_filter"]);

export const ToolCall = z.strictObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.strictObject({
    name: z.string(),
    arguments: z.string().meta({ description: "The arguments, as a JSON text the model wrote." }),
  }),
});
const UnixSeconds = z.number().int().meta({ description: "Unix time (seconds)." });

export const CompletionUsage = z.strictObject({
  prompt_tokens: Count,
  completion_tokens: Count,
  total_tokens: Count,
});

export const ChatCompletion = z.strictObject({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: UnixSeconds,
  model: z.string(),
  choices: z.array(
    z.strictObject({
      index: z.number().int(),
      message: z.strictObject({
        role: z.literal("assistant"),
        content: z.string().nullable().meta({ description: "`null` when the answer is only tool calls." }),
        tool_calls: z.array(ToolCall).optional(),
      }),
      logprobs: z.null(),
      finish_reason: FinishReason,
    }),
  ),
  usage: CompletionUsage,
  provider: z.string().meta({ description: "Who answered (seed 004), e.g. `groq`." }),
  latency: Count.meta({ description: "Milliseconds from the request to the last token." }),
  cost: z
    .number()
    .min(0)
    .nullable()
    .meta({ description: "Dollars, from the model's price; `null` when the model is unpriced." }),
});

export const ChatCompletionChunk = z.strictObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  created: UnixSeconds,
  model: z.string(),
  choices: z
    .array(
      z.strictObject({
        index: z.number().int(),
        delta: z.strictObject({
          role: z.literal("assistant").optional(),
          content: z.string().optional(),
          tool_calls: z
            .array(
              z.strictObject({
                index: z.number().int().min(0),
                id: z.string().optional().meta({ description: "In a call's first fragment only." }),
                type: z.literal("function").optional(),
                function: z.strictObject({ name: z.string().optional(), arguments: z.string() }),
              }),
            )
            .optional()
            .meta({ description: "Fragments of tool calls: the arguments arrive in pieces, to be joined by `index`." }),
        }),
        logprobs: z.null(),
        finish_reason: FinishReason.nullable(),
      }),
    )
    .meta({ description: "One choice; empty in the last, usage-only chunk." }),
  usage: CompletionUsage.optional().meta({ description: "Only in the last chunk, with `include_usage`." }),
});

export const Price = z
  .strictObject({ input: z.number().min(0), output: z.number().min(0) })
  .meta({ description: "Dollars per 1K tokens." });

export const Model = z.strictObject({
  id: z.string(),
  object: z.literal("model"),
  created: z.number().int(),
  owned_by: z.string().meta({ description: "The provider." }),
  capabilities: z.array(z.string()),
  pricing: Price.nullable(),
});

export const ModelList = z.strictObject({ object: z.literal("list"), data: z.array(Model) });
