import { z } from "zod";
import { textParts } from "@/lib/chat/parts";
import { MESSAGE_ROLES } from "@/lib/db/enums";
import type { NewMessage } from "@/lib/db/turns";
import { AppError } from "@/lib/errors";

/**
 * The body of `POST /api/v1/chat`, checked in the order the API documents imply, with their
 * exact error strings where they give one (seed 002), and a message naming the index and the
 * field otherwise.
 */
export interface ChatApiBody {
  messages: NewMessage[];
  model?: string;
  conversationId?: string;
  systemPrompt?: string;
  maxTokens?: number;
  temperature?: number;
}

const invalid = (message: string) => new AppError("invalid_request", message);

const Options = z.object({
  model: z.string({ error: "model must be a string" }).min(1, "model must not be empty").optional(),
  conversation_id: z.string({ error: "conversation_id must be a string" }).min(1).max(64).optional(),
  system_prompt: z.string({ error: "system_prompt must be a string" }).optional(),
  max_tokens: z
    .number({ error: "max_tokens must be a positive integer" })
    .int("max_tokens must be a positive integer")
    .positive("max_tokens must be a positive integer")
    .optional(),
  temperature: z
    .number({ error: "temperature must be a number between 0 and 2" })
    .min(0, "temperature must be a number between 0 and 2")
    .max(2, "temperature must be a number between 0 and 2")
    .optional(),
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const hasContent = (message: unknown): boolean =>
  isObject(message) && typeof message.content === "string" && message.content.trim().length > 0;

/** Messages as OpenAI clients send them; `name` is optional (seed 004). */
export function parseMessages(raw: unknown): NewMessage[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid("Messages array is required");
  if (!hasContent(raw[raw.length - 1])) throw invalid("Last message must have valid content");
  return raw.map((message, index) => {
    if (!isObject(message)) throw invalid(`messages[${index}] must be an object`);
    if (!MESSAGE_ROLES.includes(message.role as (typeof MESSAGE_ROLES)[number])) {
      throw invalid(`messages[${index}].role must be one of: ${MESSAGE_ROLES.join(", ")}`);
    }
    if (!hasContent(message)) throw invalid(`messages[${index}].content must be a non-empty string`);
    if (message.name !== undefined && (typeof message.name !== "string" || message.name.length > 64)) {
      throw invalid(`messages[${index}].name must be a string of at most 64 characters`);
    }
    return { role: message.role as NewMessage["role"], parts: textParts(message.content as string) };
  });
}

export function parseJsonObject(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid("Invalid request body");
  }
  if (!isObject(body)) throw invalid("Invalid request body");
  return body;
}

export function parseChatApiBody(text: string): ChatApiBody {
  const body = parseJsonObject(text);
  const messages = parseMessages(body.messages);
  const options = Options.safeParse(body);
  if (!options.success) throw invalid(options.error.issues[0]?.message ?? "Invalid request body");
  const o = options.data;
  return {
    messages,
    model: o.model,
    conversationId: o.conversation_id,
    systemPrompt: o.system_prompt,
    maxTokens: o.max_tokens,
    temperature: o.temperature,
  };
}
