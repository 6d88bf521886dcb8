import { imageUrlTokens } from "@/lib/files/image-tokens";
import type { NeutralMessage, NeutralRole } from "@/lib/providers/types";
import type { PromptMessage } from "@/lib/usage/tokens";
import type { MessagePart } from "./parts";

/** A stored or new message. */
export interface PartsMessage {
  role: string;
  parts: readonly MessagePart[];
  name?: string;
}

export function toNeutral(message: PartsMessage): NeutralMessage {
  return {
    role: message.role as NeutralRole,
    parts: [...message.parts],
    ...(message.name ? { name: message.name } : {}),
  };
}

/** The text a provider reads from parts (text, tool calls and results; not reasoning), for limits and counts. */
export function promptTextOf(parts: readonly MessagePart[]): string {
  let text = "";
  for (const part of parts) {
    if (part.type === "text") text += part.text;
    else if (part.type === "tool-call") text += part.name + part.arguments;
    else if (part.type === "tool-result") text += part.content;
  }
  return text;
}

/** The estimated tokens of the images among parts (stored ones are inlined as `data:` URLs by then). */
function imageTokensOf(parts: readonly MessagePart[]): number {
  let total = 0;
  for (const part of parts) if (part.type === "file" && part.url) total += imageUrlTokens(part.url);
  return total;
}

/** Messages as the tokenizers and limits read them: their role, provider-visible text and images. */
export function promptMessages(messages: readonly NeutralMessage[]): PromptMessage[] {
  return messages.map((m) => {
    const imageTokens = imageTokensOf(m.parts);
    return {
      role: m.role,
      content: promptTextOf(m.parts),
      ...(m.name ? { name: m.name } : {}),
      ...(imageTokens ? { imageTokens } : {}),
    };
  });
}
