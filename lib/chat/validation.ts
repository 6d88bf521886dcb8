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

/** The browser door's body: one new user message, or none to retry the last answer. */
export const BrowserChatBody = z.object({
  conversationId: z.string().min(1).max(64).optional(),
  content: MessageContent.optional(),
  model: z.string().min(1).max(100).optional(),
});

/** The first issue's message, for a 400 body. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
