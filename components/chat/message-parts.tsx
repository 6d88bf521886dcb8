"use client";

import clsx from "clsx";
import { ChevronRight, CircleAlert, Lightbulb, Wrench } from "lucide-react";
import type { MessagePart, ReasoningPart, ToolCallPart, ToolResultPart } from "@/lib/chat/parts";
import { type DisplayBlock, displayBlocks, prettyJson, thoughtLabel } from "@/lib/chat/parts-display";
import { FileView } from "./file-part";
import { Markdown } from "./markdown";

/**
 * An answer's parts in order: text as Markdown, reasoning as a collapsed "Thought for N s"
 * block, each tool call as a compact block that opens on its arguments and result (as ChatGPT
 * and Open WebUI show them). `live` = the answer is still streaming: its last open reasoning
 * reads "Thinking…".
 */
export function MessageParts({ parts, live }: { parts: readonly MessagePart[]; live: boolean }) {
  const blocks = displayBlocks(parts);
  return blocks.map((block, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: parts only grow at the end, never reorder
    <Block key={i} block={block} thinking={live && i === blocks.length - 1} />
  ));
}

function Block({ block, thinking }: { block: DisplayBlock; thinking: boolean }) {
  switch (block.type) {
    case "text":
      return <Text text={block.text} />;
    case "reasoning":
      return <Reasoning part={block} thinking={thinking && block.durationMs === undefined} />;
    case "tool":
      return <ToolCall call={block.call} result={block.result} />;
    case "orphan-result":
      return <ToolResultOnly result={block.result} />;
    case "file":
      return <FileView part={block} />;
  }
}

function Text({ text }: { text: string }) {
  return text ? (
    <div className="markdown text-zinc-800 dark:text-zinc-200">
      <Markdown text={text} />
    </div>
  ) : null;
}

const disclosure =
  "group/part rounded-xl border border-zinc-200 bg-zinc-50/60 text-sm dark:border-zinc-800 dark:bg-zinc-900/60";
const summaryRow =
  "flex cursor-pointer list-none items-center gap-2 rounded-xl px-3 py-2 text-zinc-600 select-none hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:text-zinc-100 [&::-webkit-details-marker]:hidden";
const chevron = "size-3.5 shrink-0 transition-transform group-open/part:rotate-90";

function Reasoning({ part, thinking }: { part: ReasoningPart; thinking: boolean }) {
  return (
    <details data-testid="reasoning" className="group/part w-fit max-w-full text-sm">
      <summary className={clsx(summaryRow, "-ml-1 w-fit px-1 py-1")}>
        <Lightbulb className="size-4 shrink-0" aria-hidden="true" />
        <span data-testid="reasoning-label" className={clsx("font-medium", thinking && "animate-pulse")}>
          {thinking ? "Thinking…" : thoughtLabel(part.durationMs)}
        </span>
        <ChevronRight className={chevron} aria-hidden="true" />
      </summary>
      {/* Reasoning summaries are Markdown (ChatGPT's and Claude's both use headings and emphasis). */}
      <div
        data-testid="reasoning-text"
        className="markdown mt-1 ml-2.5 border-l-2 border-zinc-200 pl-4 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        // Smaller than the answer; .markdown (unlayered CSS) would win over a utility class.
        style={{ fontSize: "0.875rem" }}
      >
        <Markdown text={part.text} />
      </div>
    </details>
  );
}

function ToolCall({ call, result }: { call: ToolCallPart; result: ToolResultPart | null }) {
  return (
    <details data-testid="tool-call" className={disclosure}>
      <summary className={summaryRow}>
        <Wrench className="size-4 shrink-0" aria-hidden="true" />
        <span className="shrink-0">{result ? "Used" : "Called"}</span>
        <code
          data-testid="tool-name"
          className="min-w-0 truncate font-mono text-[0.8125rem] text-zinc-900 dark:text-zinc-100"
        >
          {call.name || "tool"}
        </code>
        {result?.isError && <ErrorBadge />}
        <ChevronRight className={clsx(chevron, "ml-auto")} aria-hidden="true" />
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-200 px-3 pt-2.5 pb-3 dark:border-zinc-800">
        <Payload label="Arguments" testId="tool-arguments" text={call.arguments} />
        {result && <Payload label="Result" testId="tool-result" text={result.content} />}
      </div>
    </details>
  );
}

/** A result whose call is in an earlier message (histories written through the API or imported). */
function ToolResultOnly({ result }: { result: ToolResultPart }) {
  return (
    <details data-testid="tool-call" className={disclosure}>
      <summary className={summaryRow}>
        <Wrench className="size-4 shrink-0" aria-hidden="true" />
        <span>Tool result</span>
        {result.isError && <ErrorBadge />}
        <ChevronRight className={clsx(chevron, "ml-auto")} aria-hidden="true" />
      </summary>
      <div className="border-t border-zinc-200 px-3 pt-2.5 pb-3 dark:border-zinc-800">
        <Payload label="Result" testId="tool-result" text={result.content} />
      </div>
    </details>
  );
}

function Payload({ label, testId, text }: { label: string; testId: string; text: string }) {
  return (
    <div className="min-w-0">
      <div className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</div>
      <pre
        data-testid={testId}
        className="max-h-80 overflow-auto rounded-lg border border-zinc-200 bg-white px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
      >
        {prettyJson(text) || "(empty)"}
      </pre>
    </div>
  );
}

function ErrorBadge() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-700 dark:bg-red-950/40 dark:text-red-300">
      <CircleAlert className="size-3" aria-hidden="true" />
      failed
    </span>
  );
}
