"use client";

import { lazy, memo, Suspense, useRef } from "react";
import ReactMarkdown from "react-markdown";
import { BlockSplitter } from "./markdown-blocks";
import { components, remarkPlugins, sanitizingPlugins } from "./markdown-shared";

/**
 * The Markdown renderer (loaded by components/chat/markdown.tsx when a message is first shown):
 * block by block, so while an answer streams in only its last block re-renders. Blocks with math
 * or fenced code render through markdown-rich.tsx, loaded the first time one appears; until then
 * such a block shows as plain Markdown (code unhighlighted, math as its source).
 */

const RichMarkdownBlock = lazy(() => import("./markdown-rich"));

// `$…$`, `\(…\)`, `\[…\]`: what remark-math may turn into math. Fences: code to highlight.
const MATH = /\$|\\\(|\\\[/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/m;

const PlainMarkdownBlock = ({ text }: { text: string }) => (
  <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={sanitizingPlugins} components={components}>
    {text}
  </ReactMarkdown>
);

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  if (!MATH.test(text) && !FENCE.test(text)) return <PlainMarkdownBlock text={text} />;
  return (
    <Suspense fallback={<PlainMarkdownBlock text={text} />}>
      <RichMarkdownBlock text={text} />
    </Suspense>
  );
});

export default function MarkdownRenderer({ text }: { text: string }) {
  const splitter = useRef<BlockSplitter | null>(null);
  splitter.current ??= new BlockSplitter();
  const blocks = splitter.current.split(text);
  return blocks.map((block, i) => (
    // Blocks only ever grow at the end, so the index is a stable key.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <MarkdownBlock key={i} text={block} />
  ));
}
