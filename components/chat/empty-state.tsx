"use client";

import { Code2, Database, Lightbulb, Plane } from "lucide-react";
import { LogoMark } from "@/components/ui/logo";

const EXAMPLES = [
  { icon: Lightbulb, prompt: "Explain how HTTPS keeps my data private" },
  { icon: Code2, prompt: "Write a TypeScript debounce function" },
  { icon: Database, prompt: "Compare SQLite and PostgreSQL for a small app" },
  { icon: Plane, prompt: "Plan a relaxed 3-day trip to Lisbon" },
] as const;

export function EmptyState({ onPick }: { onPick: (prompt: string) => void }) {
  return (
    <div data-testid="empty-state" className="flex min-h-full flex-col items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-2xl flex-col items-center">
        <LogoMark className="size-12" />
        <h1 className="mt-5 text-center text-2xl font-semibold tracking-tight text-zinc-900 sm:text-[1.75rem] dark:text-zinc-100">
          How can I help you today?
        </h1>
        <p className="mt-2 text-center text-sm text-zinc-500 dark:text-zinc-400">
          Ask a question, draft something, or try one of these.
        </p>
        <ul className="mt-8 grid w-full gap-2.5 sm:grid-cols-2">
          {EXAMPLES.map(({ icon: Icon, prompt }) => (
            <li key={prompt}>
              <button
                type="button"
                data-testid="example-prompt"
                onClick={() => onPick(prompt)}
                className="group flex h-full w-full items-start gap-3 rounded-xl border border-zinc-200 bg-white px-4 py-3.5 text-left text-sm text-zinc-700 transition-[border-color,background-color,box-shadow] hover:border-zinc-300 hover:bg-zinc-50 hover:shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                <Icon className="mt-0.5 size-4 shrink-0 text-zinc-400 group-hover:text-zinc-600" aria-hidden="true" />
                <span>{prompt}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
