import { z } from "zod";
import { MESSAGE_ROLES } from "@/lib/db/enums";

/** Seed 001: ~10,000 characters a message is the recommended practical limit; we allow 32k. */
export const MAX_MESSAGE_CHARS = 32_000;

export const MessageContent = z
  .string({ error: "content must be a string" })
  .trim()
  .min(1, "content must not be empty")
  .max(MAX_MESSAGE_CHARS, `content must be at most ${MAX_MESSAGE_CHARS} characters`);

export const MessageRole = z.enum(MESSAGE_ROLES, { error: "role must be user, assistant or system" });

export const ModelName = z.string().min(1).max(100);
export const SystemPrompt = z
  .string()
  .max(MAX_MESSAGE_CHARS, `The system prompt must be at most ${MAX_MESSAGE_CHARS} characters`);
export const Temperature = z
  .number({ error: "temperature must be a number" })
  .min(0, "temperature must be between 0 and 2")
  .max(2, "temperature must be between 0 and 2");
export const MaxTokens = z
  .number({ error: "max tokens must be a number" })
  .int("max tokens must be a whole number")
  .positive("max tokens must be positive");
const RecordId = z.string().min(1).max(64);

/**
 * The browser door's body: one new user message, or none to answer the last question again.
 * `parentId` places it in the conversation's tree (an edit, a regeneration); the settings are
 * those of a new chat, saved with it.
 */
export const BrowserChatBody = z.object({
  conversationId: RecordId.optional(),
  content: MessageContent.optional(),
  /** Uploads (lib/files/contract.ts) attached to the new message, before its text. */
  fileIds: z.array(RecordId).max(100).optional(),
  parentId: RecordId.nullable().optional(),
  model: ModelName.optional(),
  systemPrompt: SystemPrompt.optional(),
  temperature: Temperature.optional(),
  maxTokens: MaxTokens.optional(),
});

/** The first issue's message, for a 400 body. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
