import type { MessagePart, ToolCallPart, ToolResultPart } from "./parts";

/** How parts read to people: shared by the chat's renderer and the Markdown export. */

/** "Thought for 12 s" (ChatGPT's and Open WebUI's wording); "a moment" when the time is unknown or under a second. */
export function thoughtLabel(durationMs: number | undefined): string {
  if (durationMs === undefined || durationMs < 1000) return "Thought for a moment";
  const seconds = Math.round(durationMs / 1000);
  if (seconds < 60) return `Thought for ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `Thought for ${minutes} min ${rest} s` : `Thought for ${minutes} min`;
}

/** A tool call's arguments (or a result) as indented JSON when they are JSON, else as written. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export type DisplayBlock =
  | Exclude<MessagePart, ToolCallPart | ToolResultPart>
  /** A call and, when the message holds it, its result. */
  | { type: "tool"; call: ToolCallPart; result: ToolResultPart | null }
  /** A result whose call is not in this message (an imported or API-written history). */
  | { type: "orphan-result"; result: ToolResultPart };

/** Parts in the order shown, each tool result folded into the block of the call it answers. */
export function displayBlocks(parts: readonly MessagePart[]): DisplayBlock[] {
  const results = new Map<string, ToolResultPart>();
  for (const part of parts) if (part.type === "tool-result") results.set(part.callId, part);
  const calls = new Set(parts.flatMap((p) => (p.type === "tool-call" ? [p.id] : [])));
  const blocks: DisplayBlock[] = [];
  for (const part of parts) {
    if (part.type === "tool-call") blocks.push({ type: "tool", call: part, result: results.get(part.id) ?? null });
    else if (part.type === "tool-result") {
      if (!calls.has(part.callId)) blocks.push({ type: "orphan-result", result: part });
    } else blocks.push(part);
  }
  return blocks;
}
