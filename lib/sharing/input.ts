import { z } from "zod";

/** Ids from the browser: any unknown or malformed one reads as not found. */
export const ConversationIdSchema = z
  .string({ error: "Conversation not found" })
  .trim()
  .min(1, "Conversation not found")
  .max(64, "Conversation not found");
