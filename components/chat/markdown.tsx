"use client";

import type { Element } from "hast";
import { type ComponentPropsWithoutRef, memo, useRef } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { CopyButton } from "./copy-button";

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
        <span className="font-mono text-xs text-zinc-500 lowercase dark:text-zinc-400">{language ?? "text"}</span>
        <CopyButton
          testId="copy-code"
          label="Copy code"
          showText
          getText={() => ref.current?.textContent ?? ""}
          className="px-2 py-1 text-xs text-zinc-500 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        />
      </div>
      <pre
        ref={ref}
        {...props}
        className="scroll-thin overflow-x-auto px-4 py-3.5 font-mono text-[13px] leading-relaxed [&>code]:bg-transparent"
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

const remarkPlugins = [remarkGfm];
const rehypePlugins = [[rehypeHighlight, { detect: false }]] as NonNullable<
  ComponentPropsWithoutRef<typeof ReactMarkdown>["rehypePlugins"]
>;

/**
 * An answer rendered as Markdown (GFM). Raw HTML is never rendered: react-markdown escapes it by
 * default and no rehype-raw is added.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  );
});
