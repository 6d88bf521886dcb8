import { z } from "zod";
import { textParts } from "@/lib/chat/parts";
import { MESSAGE_ROLES } from "@/lib/db/enums";
import type { NewMessage } from "@/lib/db/turns";
import { AppError } from "@/lib/errors";

/**
 * The body of `POST /api/v1/chat`: one zod schema that parses it and that the OpenAPI document is
 * generated from (lib/api/openapi.ts). Errors carry seed 002's exact strings where it gives one,
 * and otherwise name the field (`messages[0].role must be one of: …`).
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

const MESSAGES_REQUIRED = "Messages array is required";
const NON_EMPTY = "must be a non-empty string";
const NAME = "must be a string of at most 64 characters";

/** A message as OpenAI clients send it; `name` is optional (seed 004). Field errors omit the field's name: `issueText` prefixes its path. */
export const ChatMessage = z.object(
  {
    role: z
      .enum(MESSAGE_ROLES, { error: `must be one of: ${MESSAGE_ROLES.join(", ")}` })
      .meta({ description: "Who wrote the message." }),
    content: z
      .string({ error: NON_EMPTY })
      .min(1, NON_EMPTY)
      .regex(/\S/, NON_EMPTY)
      .meta({ description: "The text; must contain a non-whitespace character." }),
    name: z
      .string({ error: NAME })
      .max(64, NAME)
      .optional()
      .meta({ description: "Name of the author (accepted, not sent upstream)." }),
  },
  { error: "must be an object" },
);

export const ChatMessages = z.array(ChatMessage, { error: MESSAGES_REQUIRED }).min(1, MESSAGES_REQUIRED).meta({
  description:
    "The conversation so far, oldest first: at least one message, each with non-blank content. Your plan caps how many messages and characters one request may send.",
});

const MAX_TOKENS_DESCRIPTION =
  "Upper bound on the answer's length in tokens. Defaults to your plan's maximum; a larger value is refused with status 400.";
const TEMPERATURE_DESCRIPTION =
  "Sampling temperature, 0 to 2. Lower is more focused; omitted means the provider's default.";
/** The document completes it with the models this server offers. */
export const MODEL_DESCRIPTION = "The model to answer with; one of those `GET /api/v1/models` lists.";

const POSITIVE_INTEGER = "must be a positive integer";
const TEMPERATURE_RANGE = "must be a number between 0 and 2";

export const ChatRequest = z
  .object({
    messages: ChatMessages,
    model: z
      .string({ error: "must be a string" })
      .min(1, "must not be empty")
      .optional()
      .meta({ description: MODEL_DESCRIPTION }),
    conversation_id: z
      .string({ error: "must be a string" })
      .min(1, "must be 1 to 64 characters")
      .max(64, "must be 1 to 64 characters")
      .optional()
      .meta({
        description:
          "Continue this saved conversation (its id from `X-Conversation-Id`): its history is sent along before `messages`, trimmed to your plan's limits. Without it a new conversation is created.",
      }),
    system_prompt: z.string({ error: "must be a string" }).optional().meta({
      description:
        "A system message sent first. For a continued conversation it defaults to the one it was started with.",
    }),
    max_tokens: z
      .number({ error: POSITIVE_INTEGER })
      .int(POSITIVE_INTEGER)
      .min(1, POSITIVE_INTEGER)
      .optional()
      .meta({ description: MAX_TOKENS_DESCRIPTION }),
    temperature: z
      .number({ error: TEMPERATURE_RANGE })
      .min(0, TEMPERATURE_RANGE)
      .max(2, TEMPERATURE_RANGE)
      .optional()
      .meta({ description: TEMPERATURE_DESCRIPTION }),
  })
  .meta({ description: "The body of `POST /api/v1/chat`. Other fields are ignored." });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Seed 002's order: a missing or empty `messages`, then a last message without content, come
 * before any other field's error (zod would report the first message's error first).
 */
function checkMessagesFirst(raw: unknown): void {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid(MESSAGES_REQUIRED);
  const last: unknown = raw[raw.length - 1];
  if (!isObject(last) || !ChatMessage.shape.content.safeParse(last.content).success) {
    throw invalid("Last message must have valid content");
  }
}

/** `messages[0].role must be one of: …`: the issue's path, then its message. */
function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "Invalid request body";
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
  return path ? `${path} ${issue.message}` : issue.message;
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

const toNewMessages = (messages: z.output<typeof ChatMessages>): NewMessage[] =>
  messages.map(({ role, content }) => ({ role, parts: textParts(content) }));

export function parseChatApiBody(text: string): ChatApiBody {
  const body = parseJsonObject(text);
  checkMessagesFirst(body.messages);
  const parsed = ChatRequest.safeParse(body);
  if (!parsed.success) throw invalid(issueText(parsed.error.issues[0]));
  const o = parsed.data;
  return {
    messages: toNewMessages(o.messages),
    model: o.model,
    conversationId: o.conversation_id,
    systemPrompt: o.system_prompt,
    maxTokens: o.max_tokens,
    temperature: o.temperature,
  };
}
