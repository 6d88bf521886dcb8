"use client";

import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import { components, type RehypePlugins, remarkPlugins, sanitizingPlugins } from "./markdown-shared";
import "katex/dist/katex.min.css";

/**
 * A block with math or fenced code: KaTeX and the syntax highlighter, the heaviest parts of the
 * renderer, in a chunk of their own that loads the first time an answer needs them.
 */

// react-markdown builds its processor on every render, and rehype-highlight registers all its
// languages each time it is set up: set it up once, and hand every render the same transform.
const highlightCode = rehypeHighlight({ detect: false });
const rehypeHighlightOnce = () => highlightCode;

// KaTeX without `trust`, so no \href to javascript: or \htmlData.
const rehypePlugins = [
  ...sanitizingPlugins,
  [rehypeKatex, { throwOnError: false, strict: "ignore", trust: false }],
  rehypeHighlightOnce,
] as RehypePlugins;

export default function RichMarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  );
}
