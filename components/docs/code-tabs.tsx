"use client";

import clsx from "clsx";
import { type KeyboardEvent, useRef, useState } from "react";
import { Markdown } from "@/components/chat/markdown";
import type { ExampleGroup } from "./examples";
import { Prose } from "./prose";

/** A code block rendered exactly as the chat renders one: highlighted, with a Copy button. */
export function Code({ language, code }: { language: string; code: string }) {
  return (
    <div className="markdown mt-3">
      <Markdown text={`\`\`\`${language}\n${code}\n\`\`\``} />
    </div>
  );
}

/** Examples by language, as tabs (arrow keys move between them). */
export function CodeTabs({ groups }: { groups: ExampleGroup[] }) {
  const [active, setActive] = useState(groups[0]?.id);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + groups.length) % groups.length;
    setActive(groups[next]?.id);
    tabs.current[next]?.focus();
  };

  return (
    <div>
      <div
        role="tablist"
        aria-label="Language"
        className="inline-flex gap-1 rounded-xl border border-zinc-200 bg-zinc-50 p-1 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {groups.map((group, index) => {
          const selected = group.id === active;
          return (
            <button
              key={group.id}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${group.id}`}
              aria-selected={selected}
              aria-controls={`panel-${group.id}`}
              tabIndex={selected ? 0 : -1}
              data-testid={`example-tab-${group.id}`}
              onClick={() => setActive(group.id)}
              onKeyDown={(e) => onKeyDown(e, index)}
              className={clsx(
                "rounded-lg px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
                selected
                  ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-800 dark:text-zinc-100"
                  : "text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
              )}
            >
              {group.label}
            </button>
          );
        })}
      </div>
      {groups.map((group) => (
        <div
          key={group.id}
          role="tabpanel"
          id={`panel-${group.id}`}
          aria-labelledby={`tab-${group.id}`}
          data-testid={`examples-${group.id}`}
          hidden={group.id !== active}
          className="mt-2"
        >
          {group.examples.map((example) => (
            <section key={example.id} data-testid="api-example" data-example={example.id} className="mt-6">
              <h3 className="text-[0.9375rem] font-semibold text-zinc-900 dark:text-zinc-100">{example.title}</h3>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                <Prose text={example.description} />
              </p>
              <Code language={example.language} code={example.code} />
            </section>
          ))}
        </div>
      ))}
    </div>
  );
}
