import { z } from "zod";
import { type MessagePart, type ToolCallPart, type ToolResultPart, textParts } from "@/lib/chat/parts";
import { type Draft, type DraftMessage, SkipConversation } from "./draft";
import { issueText } from "./issues";

/**
 * ChatGPT's data export (`conversations.json`): an array of conversations, each a `mapping` of
 * nodes linked by `parent`/`children`, where regenerated and edited turns are sibling branches
 * and `current_node` is the leaf of the branch last shown. We import that branch, from its root
 * down to `current_node`, as a linear conversation.
 *
 * ChatGPT stores one answer as several nodes: its reasoning ("thoughts", then a "Thought for N
 * seconds" recap), each tool call (an assistant message addressed to the tool, e.g. `python`),
 * the tool's output (role `tool`) and the text. They become the ordered parts of one assistant
 * message (lib/chat/parts.ts), as our chat shows them. Left out, and said so in the report:
 * images and files (their text is kept), custom instructions, content types we do not know.
 * Hidden scaffolding (empty system messages, hidden context) is not content and is dropped quietly.
 */

const Message = z.object({
  id: z.string(),
  author: z.object({ role: z.string(), name: z.string().nullish() }),
  create_time: z.number().nullish(),
  content: z.object({
    content_type: z.string(),
    parts: z.array(z.unknown()).nullish(),
    /** code, execution_output */
    text: z.string().nullish(),
    /** thoughts */
    thoughts: z.array(z.object({ summary: z.string().nullish(), content: z.string().nullish() })).nullish(),
    /** reasoning_recap ("Thought for 12 seconds") */
    content: z.string().nullish(),
    /** tether_browsing_display */
    result: z.string().nullish(),
  }),
  status: z.string().nullish(),
  recipient: z.string().nullish(),
  metadata: z
    .object({
      is_visually_hidden_from_conversation: z.boolean().nullish(),
      model_slug: z.string().nullish(),
      finished_duration_sec: z.number().nullish(),
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
    const read = readMessage(message, note);
    if (!read) continue;
    const last = messages.at(-1);
    if (read.role === "assistant" && last?.role === "assistant") addToAnswer(last, message, read.parts);
    else if (read.role === "assistant" && read.parts.length === 0) continue;
    else messages.push({ ...newDraft(message, read), parentSourceId: last?.sourceId ?? null });
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

const TEXT_TYPES = new Set(["text", "multimodal_text"]);

/** A node read as parts of a user message, or parts of the answer it belongs to. */
interface Read {
  role: "user" | "assistant";
  parts: MessagePart[];
}

function readMessage(message: Message, note: Note): Read | null {
  const role = message.author.role;
  const { content } = message;
  const type = content.content_type;
  if (type === "user_editable_context") {
    note(["custom instructions message", "custom instructions messages"]);
    return null;
  }
  // System scaffolding and hidden context are not part of the chat anyone saw.
  if (message.metadata?.is_visually_hidden_from_conversation) return null;
  if (role === "tool") return { role: "assistant", parts: [toolResult(message, note)] };
  if (role !== "user" && role !== "assistant") return null;
  if (role === "assistant" && message.recipient && message.recipient !== "all") {
    return { role, parts: [toolCall(message, message.recipient)] };
  }
  if (type === "thoughts") {
    const text = (content.thoughts ?? [])
      .map((t) => [t.summary && `**${t.summary}**`, t.content].filter(Boolean).join("\n\n"))
      .filter(Boolean)
      .join("\n\n");
    const durationMs = secondsToMs(message.metadata?.finished_duration_sec);
    return {
      role,
      parts: text ? [{ type: "reasoning", text, ...(durationMs === undefined ? {} : { durationMs }) }] : [],
    };
  }
  // The recap only times the thoughts before it (see addToAnswer).
  if (type === "reasoning_recap") return { role, parts: [] };
  if (!TEXT_TYPES.has(type)) {
    note([`"${type}" message`, `"${type}" messages`]);
    return null;
  }
  const { text, attachments } = readText(content.parts ?? []);
  if (attachments > 0) note(["image or file", "images or files"], attachments);
  if (!text.trim()) return null;
  return { role, parts: textParts(text) };
}

/** An assistant message addressed to a tool: its code or text, as JSON arguments. */
function toolCall(message: Message, name: string): ToolCallPart {
  const written = message.content.text ?? readText(message.content.parts ?? []).text;
  const args =
    message.content.content_type === "code" || !isJson(written) ? JSON.stringify({ code: written }) : written;
  return { type: "tool-call", id: message.id, name, arguments: args };
}

/** A tool's output; `callId` is filled in by addToAnswer, which knows the call it answers. */
function toolResult(message: Message, note: Note): ToolResultPart {
  const { content } = message;
  const { text, attachments } = readText(content.parts ?? []);
  if (attachments > 0) note(["image or file", "images or files"], attachments);
  return { type: "tool-result", callId: message.id, content: content.text ?? content.result ?? text };
}

function newDraft(message: Message, read: Read): Omit<DraftMessage, "parentSourceId"> {
  const draft: Omit<DraftMessage, "parentSourceId"> = {
    sourceId: message.id,
    role: read.role,
    parts: [],
    status: "COMPLETE",
    error: null,
    model: null,
    promptTokens: null,
    completionTokens: null,
    createdAt: fromSeconds(message.create_time),
  };
  if (read.role === "assistant") addToAnswer(draft, message, read.parts);
  else draft.parts = read.parts;
  return draft;
}

/** One more node of an answer: its parts in order, a result linked to the call before it. */
function addToAnswer(answer: Omit<DraftMessage, "parentSourceId">, message: Message, parts: MessagePart[]): void {
  for (const part of parts) {
    if (part.type === "tool-result") {
      const call = answer.parts.findLast((p): p is ToolCallPart => p.type === "tool-call");
      answer.parts.push(
        call && !answer.parts.some((p) => p.type === "tool-result" && p.callId === call.id)
          ? { ...part, callId: call.id }
          : part,
      );
    } else answer.parts.push(part);
  }
  if (message.content.content_type === "reasoning_recap") {
    const index = answer.parts.findLastIndex((p) => p.type === "reasoning");
    const thought = answer.parts[index];
    const durationMs = secondsToMs(message.metadata?.finished_duration_sec) ?? recapMs(message.content.content ?? "");
    if (thought?.type === "reasoning" && thought.durationMs === undefined && durationMs !== undefined) {
      answer.parts[index] = { ...thought, durationMs };
    }
  }
  answer.model ??= message.metadata?.model_slug ?? null;
  if (message.author.role === "assistant" && message.status && message.status !== "finished_successfully") {
    answer.status = "STOPPED";
  }
}

/** "Thought for 12 seconds", "Thought for 1m 5s", "Thought for 2 minutes" → ms. */
function recapMs(recap: string): number | undefined {
  const minutes = /(\d+)\s*m(?:in|inutes?)?\b/.exec(recap)?.[1];
  const seconds = /(\d+)\s*s(?:ec|econds?)?\b/.exec(recap)?.[1];
  if (minutes === undefined && seconds === undefined) return undefined;
  return (Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
}

const secondsToMs = (seconds: number | null | undefined) =>
  typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text parts joined; anything else in `parts` (image and file pointers) is counted. */
function readText(parts: unknown[]): { text: string; attachments: number } {
  const texts = parts.filter((p): p is string => typeof p === "string");
  return { text: texts.join("\n\n"), attachments: parts.length - texts.length };
}

const fromSeconds = (seconds: number | null | undefined) =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(Math.round(seconds * 1000)) : null;
