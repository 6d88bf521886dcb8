import { zipSync } from "fflate";
import type { Actor } from "@/lib/auth/actor";
import { activePath, buildTree, isFailedEmpty, withLinkedParents } from "@/lib/chat/branches";
import { readableConversation } from "@/lib/chat/conversations";
import type { MessagePart } from "@/lib/chat/parts";
import { displayBlocks, prettyJson, thoughtLabel } from "@/lib/chat/parts-display";
import type { ConversationRecord, MessageRecord } from "@/lib/db/conversations";
import { fileEntries } from "@/lib/files/archive";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from "./export-format";

/**
 * "Export as Markdown" (the branch shown, for reading and sharing) and "Export as JSON" (every
 * message and branch, for importing back). Whoever may read a conversation may export it.
 */

export type ExportKind = "markdown" | "json";

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: string;
}

export async function exportConversation(actor: Actor, id: string, kind: ExportKind): Promise<ExportedFile> {
  const { conversation, messages } = await readableConversation(actor, id);
  const base = slug(conversation.title) || "chat";
  if (kind === "json") {
    return {
      filename: `${base}.json`,
      contentType: "application/json; charset=utf-8",
      body: `${JSON.stringify(toExportFile(conversation, messages, new Date()), null, 2)}\n`,
    };
  }
  return {
    filename: `${base}.md`,
    contentType: "text/markdown; charset=utf-8",
    body: toMarkdown(conversation, messages),
  };
}

/**
 * "Export with files": the JSON export and the stored files its messages hold (lib/files/archive.ts),
 * as one zip that Import reads back whole.
 */
export async function exportConversationArchive(
  actor: Actor,
  id: string,
): Promise<{ filename: string; contentType: string; body: Uint8Array<ArrayBuffer> }> {
  const { conversation, messages } = await readableConversation(actor, id);
  const json = `${JSON.stringify(toExportFile(conversation, messages, new Date()), null, 2)}\n`;
  const entries: Record<string, Uint8Array> = { "conversation.json": new TextEncoder().encode(json) };
  for await (const file of fileEntries(messages)) entries[file.path] = file.bytes;
  return {
    filename: `${slug(conversation.title) || "chat"}.zip`,
    contentType: "application/zip",
    body: new Uint8Array(zipSync(entries)),
  };
}

export function toExportFile(conversation: ConversationRecord, messages: MessageRecord[], now: Date): ExportFile {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    conversation: {
      title: conversation.title,
      model: conversation.model,
      systemPrompt: conversation.systemPrompt,
      temperature: conversation.temperature,
      maxTokens: conversation.maxTokens,
      activeLeafId: conversation.activeLeafId,
      updatedAt: conversation.updatedAt.toISOString(),
      messages: messages.map(({ tokenSource: _, createdAt, ...message }) => ({
        ...message,
        createdAt: createdAt.toISOString(),
      })),
    },
  };
}

const SPEAKER: Record<string, string> = { user: "You", assistant: "Assistant", system: "System" };

export function toMarkdown(conversation: ConversationRecord, messages: MessageRecord[]): string {
  const tree = buildTree(withLinkedParents(messages).messages);
  const shown = activePath(tree, conversation.activeLeafId).filter((m) => m.role !== "system" && !isFailedEmpty(m));
  const lines = [`# ${oneLine(conversation.title) || "Untitled chat"}`, ""];
  lines.push(`*Model: ${conversation.model} · Last updated ${conversation.updatedAt.toISOString().slice(0, 10)}*`, "");
  if (conversation.systemPrompt) lines.push(...quote(`System prompt: ${conversation.systemPrompt}`), "");
  for (const message of shown) {
    const model = message.role === "assistant" && message.model ? ` (${message.model})` : "";
    lines.push(
      "---",
      "",
      `### ${SPEAKER[message.role] ?? message.role}${model}`,
      "",
      ...markdownOfParts(message.parts),
    );
    if (message.status === "STOPPED") lines.push("*(stopped)*", "");
    if (message.status === "INTERRUPTED") lines.push("*(interrupted)*", "");
    if (message.status === "ERROR")
      lines.push(`*(failed: ${oneLine(message.error ?? "the answer could not be completed")})*`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Each part as Markdown: reasoning folded in <details>, tool calls and results as code blocks. */
function markdownOfParts(parts: readonly MessagePart[]): string[] {
  const lines: string[] = [];
  for (const block of displayBlocks(parts)) {
    if (block.type === "text") lines.push(block.text.trimEnd(), "");
    else if (block.type === "reasoning") {
      lines.push(
        "<details>",
        `<summary>${thoughtLabel(block.durationMs)}</summary>`,
        "",
        ...quote(block.text),
        "",
        "</details>",
        "",
      );
    } else if (block.type === "tool") {
      lines.push(`**Tool call: \`${block.call.name}\`**`, "", ...fenced(prettyJson(block.call.arguments), "json"));
      if (block.result) lines.push("**Result:**", "", ...fenced(prettyJson(block.result.content)));
    } else if (block.type === "orphan-result")
      lines.push("**Tool result:**", "", ...fenced(prettyJson(block.result.content)));
    else lines.push(`*(file: ${oneLine(block.name ?? block.mediaType)})*`, "");
  }
  return lines;
}

/** A code block whose fence is longer than any run of backticks inside it. */
function fenced(text: string, language = ""): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${language}`, text, fence, ""];
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const quote = (text: string) => text.split("\n").map((line) => `> ${line}`);

/** A file name from the title: ASCII letters, digits and dashes (a header-safe name), at most 60. */
export function slug(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
