"use client";

import { ChevronDown, LoaderCircle } from "lucide-react";
import { lazy, Suspense, useCallback, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import type { ModelChoice } from "@/lib/chat/chat-view";

// Loaded the first time the menu opens, not with the chat page.
const ModelMenu = lazy(() => import("./model-menu").then((m) => ({ default: m.ModelMenu })));

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
        <Suspense fallback={null}>
          <ModelMenu models={models} current={current} saving={saving} error={error} pick={pick} />
        </Suspense>
      )}
    </div>
  );
}
