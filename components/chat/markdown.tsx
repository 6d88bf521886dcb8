"use client";

import { lazy, memo, Suspense } from "react";

/**
 * An answer rendered as Markdown (GFM tables and task lists, math, highlighted code), sanitized.
 * The renderer (react-markdown and its plugins) is a chunk of its own, loaded when the first
 * message is shown, so an empty chat page does not carry it; the server renders it in full. Until
 * it has loaded in the browser, the text shows as it is.
 */
const MarkdownRenderer = lazy(() => import("./markdown-renderer"));

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="whitespace-pre-wrap">{text}</div>}>
      <MarkdownRenderer text={text} />
    </Suspense>
  );
});
