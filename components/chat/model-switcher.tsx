"use client";

import clsx from "clsx";
import { Check, ChevronDown, LoaderCircle } from "lucide-react";
import { useCallback, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import type { ModelChoice } from "@/lib/chat/chat-view";
import { CAPABILITY_LABELS } from "./capability-labels";

/**
 * The header's quick model switch: the configured models grouped by provider, with what each
 * can do. Picking one sets the conversation's model for its next answer (the settings dialog
 * holds the rest: system prompt, temperature, length).
 */
export function ModelSwitcher({
  models,
  current,
  onPick,
}: {
  models: ModelChoice[];
  current: string;
  /** Resolves with an error message, or null once the model is set. */
  onPick: (modelId: string) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const chosen = models.find((m) => m.id === current);
  const providers = [...new Set(models.map((m) => m.provider))];
  const pick = async (id: string) => {
    if (id === current) return setOpen(false);
    setSaving(true);
    setError(null);
    const failed = await onPick(id);
    setSaving(false);
    if (failed) setError(failed);
    else setOpen(false);
  };

  return (
    <div ref={root} className="relative min-w-0">
      <button
        type="button"
        data-testid="model-switcher"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Switch model"
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-full min-w-0 items-center gap-1 rounded-lg px-2 py-1 text-[0.9375rem] font-medium text-zinc-800 transition-colors hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <span data-testid="model-label" data-model={current} className="min-w-0 truncate">
          {chosen?.label ?? current}
        </span>
        <span className="sr-only">, switch model</span>
        {saving ? (
          <LoaderCircle className="size-4 shrink-0 animate-spin text-zinc-500" aria-hidden="true" />
        ) : (
          <ChevronDown className="size-4 shrink-0 text-zinc-500" aria-hidden="true" />
        )}
      </button>
      {open && (
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
                        <span className="block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">
                          {m.id}
                        </span>
                      )}
                      {m.capabilities.length > 0 && (
                        <span className="mt-1 flex flex-wrap gap-1">
                          {m.capabilities.map((c) => (
                            <span
                              key={c}
                              data-testid="model-capability"
                              className="rounded-full border border-zinc-200 px-1.5 text-[11px] leading-4 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
                            >
                              {CAPABILITY_LABELS[c]}
                            </span>
                          ))}
                        </span>
                      )}
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
      )}
    </div>
  );
}
