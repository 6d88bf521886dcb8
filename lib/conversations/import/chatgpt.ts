import { z } from "zod";
import { textParts } from "@/lib/chat/parts";
import { type Draft, type DraftMessage, SkipConversation } from "./draft";
import { issueText } from "./issues";

/**
 * ChatGPT's data export (`conversations.json`): an array of conversations, each a `mapping` of
 * nodes linked by `parent`/`children`, where regenerated and edited turns are sibling branches
 * and `current_node` is the leaf of the branch last shown. We import that branch, from its root
 * down to `current_node`, as a linear conversation.
 *
 * Imported: the text of user and assistant messages. Left out, and said so in the report:
 * images and files (their text is kept), tool calls and tool output (code interpreter,
 * browsing), reasoning summaries, custom instructions. Hidden scaffolding (empty system
 * messages, hidden context) is not content and is dropped quietly.
 */

const Message = z.object({
  id: z.string(),
  author: z.object({ role: z.string() }),
  create_time: z.number().nullish(),
  content: z.object({
    content_type: z.string(),
    parts: z.array(z.unknown()).nullish(),
  }),
  status: z.string().nullish(),
  recipient: z.string().nullish(),
  metadata: z
    .object({
      is_visually_hidden_from_conversation: z.boolean().nullish(),
      model_slug: z.string().nullish(),
    })
    .nullish(),
});

const Node = z.object({
  message: Message.nullish(),
  parent: z.string().nullish(),
  children: z.array(z.string()).nullish(),
});

const Conversation = z.object({
  title: z.string().nullish(),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  mapping: z.record(z.string(), Node),
  current_node: z.string().nullish(),
});

type Node = z.infer<typeof Node>;
/** What was left out, singular and plural, counted for the report. */
type Noun = [string, string];
type Note = (what: Noun, count?: number) => void;
type Message = z.infer<typeof Message>;

export function isChatGptConversation(value: unknown): boolean {
  return typeof value === "object" && value !== null && "mapping" in value;
}

/** The conversation's title as far as it can be read, for the report of a skipped one. */
export function chatGptTitle(value: unknown): string | null {
  const title = (value as { title?: unknown } | null)?.title;
  return typeof title === "string" ? title : null;
}

/** Throws SkipConversation when the conversation cannot be read. */
export function draftFromChatGpt(value: unknown): Draft {
  const parsed = Conversation.safeParse(value);
  if (!parsed.success) throw issueText(parsed.error);
  const conversation = parsed.data;
  const notes = new Map<string, { what: Noun; count: number }>();
  const note: Note = (what, count = 1) => notes.set(what[0], { what, count: (notes.get(what[0])?.count ?? 0) + count });
  const messages: DraftMessage[] = [];
  for (const message of currentBranch(conversation)) {
    const kept = toDraftMessage(message, note);
    if (!kept) continue;
    messages.push({ ...kept, parentSourceId: messages.at(-1)?.sourceId ?? null });
  }
  return {
    title: conversation.title ?? "",
    model: null,
    systemPrompt: null,
    temperature: null,
    maxTokens: null,
    activeLeafSourceId: null,
    createdAt: fromSeconds(conversation.create_time),
    updatedAt: fromSeconds(conversation.update_time),
    messages,
    notes: [...notes.values()].map(({ what, count }) => `${count} ${what[count === 1 ? 0 : 1]} left out`),
  };
}

/** Root → current_node. Without current_node (older exports), the newest leaf stands in. */
function currentBranch(conversation: z.infer<typeof Conversation>): Message[] {
  const { mapping } = conversation;
  const leaf = conversation.current_node ?? newestLeaf(mapping);
  if (!leaf || !mapping[leaf]) throw new SkipConversation(`current_node "${leaf ?? ""}" is not in its mapping`);
  const branch: Message[] = [];
  const seen = new Set<string>();
  for (let id: string | null | undefined = leaf; id; id = mapping[id]?.parent) {
    if (seen.has(id)) throw new SkipConversation(`its mapping loops back to "${id}"`);
    seen.add(id);
    const node: Node | undefined = mapping[id];
    if (!node) throw new SkipConversation(`its mapping refers to "${id}", which is missing`);
    if (node.message) branch.push(node.message);
  }
  return branch.reverse();
}

function newestLeaf(mapping: Record<string, Node>): string | undefined {
  let best: { id: string; time: number } | undefined;
  for (const [id, node] of Object.entries(mapping)) {
    if (node.children?.length) continue;
    const time = node.message?.create_time ?? 0;
    if (!best || time >= best.time) best = { id, time };
  }
  return best?.id;
}

type Kept = Omit<DraftMessage, "parentSourceId">;

const TEXT_TYPES = new Set(["text", "multimodal_text"]);

function toDraftMessage(message: Message, note: Note): Kept | null {
  const role = message.author.role;
  const type = message.content.content_type;
  if (type === "user_editable_context") {
    note(["custom instructions message", "custom instructions messages"]);
    return null;
  }
  if (role === "tool" || (message.recipient && message.recipient !== "all")) {
    note(["tool call or result", "tool calls and results"]);
    return null;
  }
  if (type === "thoughts" || type === "reasoning_recap") {
    note(["reasoning summary", "reasoning summaries"]);
    return null;
  }
  // System scaffolding and hidden context are not part of the chat anyone saw.
  if (role !== "user" && role !== "assistant") return null;
  if (message.metadata?.is_visually_hidden_from_conversation) return null;
  if (!TEXT_TYPES.has(type)) {
    note([`"${type}" message`, `"${type}" messages`]);
    return null;
  }
  const { text, attachments } = readText(message.content.parts ?? []);
  if (attachments > 0) note(["image or file", "images or files"], attachments);
  if (!text.trim()) return null;
  return {
    sourceId: message.id,
    role,
    parts: textParts(text),
    status:
      role === "assistant" && message.status && message.status !== "finished_successfully" ? "STOPPED" : "COMPLETE",
    error: null,
    model: role === "assistant" ? (message.metadata?.model_slug ?? null) : null,
    promptTokens: null,
    completionTokens: null,
    createdAt: fromSeconds(message.create_time),
  };
}

/** Text parts joined; anything else in `parts` (image and file pointers) is counted. */
function readText(parts: unknown[]): { text: string; attachments: number } {
  const texts = parts.filter((p): p is string => typeof p === "string");
  return { text: texts.join("\n\n"), attachments: parts.length - texts.length };
}

const fromSeconds = (seconds: number | null | undefined) =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(Math.round(seconds * 1000)) : null;
