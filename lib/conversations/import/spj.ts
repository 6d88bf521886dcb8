import { textParts } from "@/lib/chat/parts";
import { ExportFile } from "../export-format";
import type { Draft } from "./draft";
import { issueText } from "./issues";

/** Our own JSON export (lib/conversations/export-format.ts), read back into a draft. */

export function isSpjFile(value: unknown): boolean {
  return typeof value === "object" && value !== null && "format" in value && typeof value.format === "string";
}

/** Throws SkipConversation with the first problem when the file does not match the format. */
export function draftFromSpjFile(value: unknown): Draft {
  const parsed = ExportFile.safeParse(value);
  if (!parsed.success) throw issueText(parsed.error);
  const c = parsed.data.conversation;
  return {
    title: c.title,
    model: c.model,
    systemPrompt: c.systemPrompt,
    temperature: c.temperature,
    maxTokens: c.maxTokens,
    activeLeafSourceId: c.activeLeafId,
    createdAt: null,
    updatedAt: new Date(c.updatedAt),
    messages: c.messages.map(({ id, parentId, createdAt, content, parts, ...message }) => ({
      ...message,
      parts: parts ?? textParts(content),
      sourceId: id,
      parentSourceId: parentId,
      createdAt: new Date(createdAt),
    })),
    notes: [],
  };
}
