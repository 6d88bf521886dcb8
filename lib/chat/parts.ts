import { z } from "zod";

/**
 * A message is an ordered list of parts (the engine's shared contract: the database's
 * `Message.parts` JSON, export/import, snapshots, provider adapters and the renderer all speak
 * it). `Message.content` stays as the plain text derived from the text parts (`plainTextOf`),
 * because search, titles, export and the tokenizer read plain text.
 */
export const TextPart = z.object({ type: z.literal("text"), text: z.string() });

/**
 * A file or image: a stored file (`fileId`, see the attachments work) or, for the public API's
 * `image_url` parts, a URL passed to the provider as it is (`data:` or remote; never fetched by us).
 */
export const FilePart = z
  .object({
    type: z.literal("file"),
    mediaType: z.string().min(1).max(255),
    name: z.string().max(255).optional(),
    size: z.number().int().nonnegative().optional(),
    fileId: z.string().min(1).max(128).optional(),
    url: z.string().min(1).optional(),
  })
  .refine((p) => Boolean(p.fileId) !== Boolean(p.url), { message: "a file part has either fileId or url" });

/** A call the model asked for; `arguments` is the JSON text exactly as the model wrote it. */
export const ToolCallPart = z.object({
  type: z.literal("tool-call"),
  id: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  arguments: z.string(),
});

/** The caller's answer to a tool call (OpenAI role "tool", Anthropic `tool_result`). */
export const ToolResultPart = z.object({
  type: z.literal("tool-result"),
  callId: z.string().min(1).max(255),
  content: z.string(),
  isError: z.boolean().optional(),
});

/** The model's visible thinking: kept and shown, not sent back to providers that do not want it. */
export const ReasoningPart = z.object({
  type: z.literal("reasoning"),
  text: z.string(),
  /** How long the model thought, for "Thought for N s". */
  durationMs: z.number().int().nonnegative().optional(),
});

export const MessagePart = z.discriminatedUnion("type", [
  TextPart,
  FilePart,
  ToolCallPart,
  ToolResultPart,
  ReasoningPart,
]);
export type MessagePart = z.infer<typeof MessagePart>;
export type TextPart = z.infer<typeof TextPart>;
export type FilePart = z.infer<typeof FilePart>;
export type ToolCallPart = z.infer<typeof ToolCallPart>;
export type ToolResultPart = z.infer<typeof ToolResultPart>;
export type ReasoningPart = z.infer<typeof ReasoningPart>;

export const MessageParts = z.array(MessagePart);

// Here too for the server's code; the browser imports them from part-text.ts (no zod in its bundle).
export { plainTextOf, textParts } from "./part-text";
