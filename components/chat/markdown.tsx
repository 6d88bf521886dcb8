"use client";

import type { Element, Root, RootContent } from "hast";
import { type ComponentPropsWithoutRef, memo, useRef } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { CopyButton } from "./copy-button";
import { BlockSplitter } from "./markdown-blocks";
import "katex/dist/katex.min.css";

function languageOf(node: Element | undefined): string | null {
  const code = node?.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  const classes = code?.properties?.className;
  const list = Array.isArray(classes) ? classes : String(classes ?? "").split(" ");
  for (const name of list) {
    if (typeof name === "string" && name.startsWith("language-")) return name.slice("language-".length);
  }
  return null;
}

function CodeBlock({ node, children, ...props }: ComponentPropsWithoutRef<"pre"> & { node?: Element }) {
  const ref = useRef<HTMLPreElement>(null);
  const language = languageOf(node);
  return (
    <div className="group/code my-4 overflow-hidden rounded-xl border border-zinc-200 bg-zinc-50/70 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex h-9 items-center justify-between border-b border-zinc-200 bg-zinc-100/60 pr-1.5 pl-3.5 dark:border-zinc-800 dark:bg-zinc-900">
        <span className="font-mono text-xs text-zinc-600 lowercase dark:text-zinc-400">{language ?? "text"}</span>
        <CopyButton
          testId="copy-code"
          label="Copy code"
          showText
          getText={() => ref.current?.textContent ?? ""}
          className="px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        />
      </div>
      <pre
        ref={ref}
        {...props}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be reachable by keyboard
        tabIndex={0}
        className="scroll-thin overflow-x-auto px-4 py-3.5 font-mono text-[13px] leading-relaxed focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-zinc-400 [&>code]:bg-transparent"
      >
        {children}
      </pre>
    </div>
  );
}

const components: Components = {
  pre: CodeBlock,
  a: ({ node: _node, href, children, ...props }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" {...props}>
      {children}
    </a>
  ),
};

/** Raw HTML in an answer is shown as the text it is: never parsed, never dropped silently. */
function rehypeRawAsText() {
  const walk = (node: Root | RootContent) => {
    if (!("children" in node)) return;
    node.children = node.children.map((child) =>
      (child.type as string) === "raw" ? { type: "text", value: (child as { value: string }).value } : child,
    ) as typeof node.children;
    for (const child of node.children) walk(child);
  };
  return (tree: Root) => walk(tree);
}

// The default (GitHub's) schema, plus the classes remark-math gives math for KaTeX to find.
const schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), ["className", /^language-./, "math-inline", "math-display"]],
  },
};

// react-markdown builds its processor on every render, and rehype-highlight registers all its
// languages each time it is set up: set it up once, and hand every render the same transform.
const highlightCode = rehypeHighlight({ detect: false });
const rehypeHighlightOnce = () => highlightCode;

const remarkPlugins = [remarkGfm, remarkMath];
// Everything that comes from the answer's text is sanitized first; KaTeX (without `trust`, so
// no \href to javascript: or \htmlData) and the highlighter only add their own markup after.
const rehypePlugins = [
  rehypeRawAsText,
  [rehypeSanitize, schema],
  [rehypeKatex, { throwOnError: false, strict: "ignore", trust: false }],
  rehypeHighlightOnce,
] as NonNullable<ComponentPropsWithoutRef<typeof ReactMarkdown>["rehypePlugins"]>;

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  );
});

/**
 * An answer rendered as Markdown (GFM tables and task lists, math), sanitized. Rendered block by
 * block: while an answer streams in, only its last block changes and re-renders.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const splitter = useRef<BlockSplitter | null>(null);
  splitter.current ??= new BlockSplitter();
  const blocks = splitter.current.split(text);
  return blocks.map((block, i) => (
    // Blocks only ever grow at the end, so the index is a stable key.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <MarkdownBlock key={i} text={block} />
  ));
});
