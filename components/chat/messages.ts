import { withLinkedParents } from "@/lib/chat/branches";
import type { MessagePart } from "@/lib/chat/parts";
import type { ChatMessage, MessageRole, SavedStatus } from "./types";
import type { ChatNode } from "./use-message-tree";

/** A saved message as the server sends it (the page's props, GET /api/conversations/[id]/messages). */
export interface SavedMessage {
  id: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  parts: MessagePart[];
  status: SavedStatus;
  error: string | null;
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** Saved messages for the chat view: every version, parents linked (old rows included). */
export function chatMessagesOf(saved: readonly SavedMessage[]): ChatNode[] {
  return withLinkedParents(
    saved.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      parts: partsBeyondText(m),
      status: m.status,
      error: m.error,
      model: m.model,
      promptTokens: m.promptTokens,
      completionTokens: m.completionTokens,
    })),
  ).messages;
}

/**
 * A message's parts when they hold more than its text; none for a plain text message, which
 * then travels (in the page and its React payload) as its text alone: `partsOf` rebuilds them.
 */
export function partsBeyondText(m: { content: string; parts: MessagePart[] }): MessagePart[] | undefined {
  const [only, ...more] = m.parts;
  if (!only) return m.content === "" ? undefined : m.parts;
  return more.length === 0 && only.type === "text" && only.text === m.content ? undefined : m.parts;
}

/** A window of a saved conversation (lib/chat/message-window.ts), ready for the chat view. */
export interface LoadedWindow {
  messages: ChatNode[];
  leafId: string | null;
  hasOlder: boolean;
  unloadedTokens: number;
}

/**
 * GET /api/conversations/[id]/messages: the newest messages, or those before `before` (down to
 * `through`); null when they cannot be had.
 */
export async function fetchWindow(
  id: string,
  query: { before?: string; through?: string } = {},
): Promise<LoadedWindow | null> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  const url = `/api/conversations/${encodeURIComponent(id)}/messages${params.size ? `?${params}` : ""}`;
  const response = await fetch(url, { cache: "no-store" }).catch(() => null);
  if (!response?.ok) return null;
  const data = (await response.json()) as Omit<LoadedWindow, "messages"> & { messages: SavedMessage[] };
  return { ...data, messages: chatMessagesOf(data.messages) };
}

/** Tokens a conversation has used: each answer with its prompt, in every version. */
export function tokensUsed(messages: readonly ChatMessage[]): number {
  let total = 0;
  for (const m of messages) total += (m.promptTokens ?? 0) + (m.completionTokens ?? 0);
  return total;
}

let counter = 0;
const LOCAL = "local-";
/** An id for a message the server has not saved yet (unique unless a `suffix` is given). */
export const localId = (kind: string, suffix = `-${Date.now().toString(36)}-${(counter++).toString(36)}`) =>
  `${LOCAL}${kind}${suffix}`;
export const isSaved = (id: string) => !id.startsWith(LOCAL);
