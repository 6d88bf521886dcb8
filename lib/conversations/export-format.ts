import { z } from "zod";
import { MessageParts } from "@/lib/chat/parts";
import { MESSAGE_ROLES, MESSAGE_STATUSES } from "@/lib/db/enums";

/**
 * SPJ Chat's conversation file: what "Export as JSON" writes and "Import" reads back. Messages
 * keep their ids and parent links (branches survive a round trip) and their timestamps; the ids
 * are only references inside the file, and an import gives everything new ones. `parts` (tool
 * calls, reasoning, files; lib/chat/parts.ts) came later: a message without them is its `content`
 * as one text part, and `content` is still written, as the plain text of the text parts.
 */

export const EXPORT_FORMAT = "spj-chat/conversation";
export const EXPORT_VERSION = 1;
/** Longer than a chat message may be (answers can be long, and other apps allow more). */
export const MAX_IMPORTED_MESSAGE_CHARS = 100_000;
export const MAX_IMPORTED_MESSAGES = 5_000;

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" });

export const ExportedMessage = z.object({
  id: z.string().min(1).max(100),
  parentId: z.string().min(1).max(100).nullable().default(null),
  role: z.enum(MESSAGE_ROLES, { error: "role must be user, assistant or system" }),
  content: z
    .string()
    .max(
      MAX_IMPORTED_MESSAGE_CHARS,
      `content is longer than ${MAX_IMPORTED_MESSAGE_CHARS.toLocaleString("en")} characters`,
    ),
  parts: MessageParts.optional(),
  status: z.enum(MESSAGE_STATUSES).default("COMPLETE"),
  error: z.string().max(1_000).nullable().default(null),
  model: z.string().max(200).nullable().default(null),
  promptTokens: z.number().int().min(0).nullable().default(null),
  completionTokens: z.number().int().min(0).nullable().default(null),
  createdAt: isoDate,
});

export const ExportedConversation = z.object({
  title: z.string().max(1_000),
  model: z.string().max(200).nullable().default(null),
  systemPrompt: z.string().max(MAX_IMPORTED_MESSAGE_CHARS).nullable().default(null),
  temperature: z.number().min(0).max(2).nullable().default(null),
  maxTokens: z.number().int().positive().nullable().default(null),
  activeLeafId: z.string().max(100).nullable().default(null),
  updatedAt: isoDate,
  messages: z
    .array(ExportedMessage)
    .max(MAX_IMPORTED_MESSAGES, `has more than ${MAX_IMPORTED_MESSAGES.toLocaleString("en")} messages`),
});

export const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION, { error: `only version ${EXPORT_VERSION} files can be imported` }),
  exportedAt: isoDate,
  conversation: ExportedConversation,
});

export type ExportFile = z.input<typeof ExportFile>;
export type ExportedConversation = z.output<typeof ExportedConversation>;
