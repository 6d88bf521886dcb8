"use client";

import clsx from "clsx";
import { Check } from "lucide-react";
import type { ModelChoice } from "@/lib/chat/chat-view";
import { CapabilityBadges } from "./capability-badges";

/** The model switcher's open menu: loaded the first time it opens, not with the chat page. */
export function ModelMenu({
  models,
  current,
  saving,
  error,
  pick,
}: {
  models: ModelChoice[];
  current: string;
  saving: boolean;
  error: string | null;
  pick: (modelId: string) => void;
}) {
  const providers = [...new Set(models.map((m) => m.provider))];
  return (
    <div
      role="menu"
      aria-label="Models"
      data-testid="model-menu"
      className="absolute top-full left-0 z-50 mt-1 max-h-[70vh] w-[min(22rem,calc(100vw-2rem))] overflow-y-auto rounded-xl border border-zinc-200 bg-white p-1.5 shadow-[0_8px_30px_-12px_rgb(0_0_0/0.25)] dark:border-zinc-700 dark:bg-zinc-900"
    >
      {providers.map((provider) => (
        <div key={provider} data-testid="model-group">
          <p className="px-2 pt-1.5 pb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">{provider}</p>
          {models
            .filter((m) => m.provider === provider)
            .map((m) => (
              <button
                key={m.id}
                type="button"
                role="menuitemradio"
                aria-checked={m.id === current}
                data-testid="model-option"
                data-model={m.id}
                disabled={saving}
                onClick={() => pick(m.id)}
                className="flex w-full items-start gap-2.5 rounded-lg px-2 py-1.5 text-left text-sm text-zinc-700 transition-colors hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:text-zinc-300 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{m.label}</span>
                  {m.label !== m.id && (
                    <span className="block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{m.id}</span>
                  )}
                  {m.capabilities.length > 0 && <CapabilityBadges capabilities={m.capabilities} className="mt-1" />}
                </span>
                <Check
                  className={clsx("mt-0.5 size-4 shrink-0 text-zinc-600", m.id !== current && "invisible")}
                  aria-hidden="true"
                />
              </button>
            ))}
        </div>
      ))}
      {error && (
        <p role="alert" className="px-2 py-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
