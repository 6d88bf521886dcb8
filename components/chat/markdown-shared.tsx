"use client";

import type { Element, Root, RootContent } from "hast";
import { type ComponentPropsWithoutRef, useRef } from "react";
import type ReactMarkdown from "react-markdown";
import type { Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { CopyButton } from "./copy-button";

/**
 * What every Markdown block shares, plain or rich (components/chat/markdown-rich.tsx adds math
 * and highlighting): the code block, links, raw HTML as text, and sanitizing with GitHub's schema.
 */

function languageOf(node: Element | undefined): string | null {
  const code = node?.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  const classes = code?.properties?.className;
  const list = Array.isArray(classes) ? classes : String(classes ?? "").split(" ");
  for (const name of list) {
    if (typeof name === "string" && name.startsWith("language-")) return name.slice("language-".length);
  }
  return null;
}

export function CodeBlock({ node, children, ...props }: ComponentPropsWithoutRef<"pre"> & { node?: Element }) {
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

export const components: Components = {
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

export const remarkPlugins = [remarkGfm, remarkMath];

export type RehypePlugins = NonNullable<ComponentPropsWithoutRef<typeof ReactMarkdown>["rehypePlugins"]>;

/** Everything that comes from the answer's text is sanitized first; richer plugins only add their own markup after. */
export const sanitizingPlugins = [rehypeRawAsText, [rehypeSanitize, schema]] as RehypePlugins;
