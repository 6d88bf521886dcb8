"use client";

import { LoaderCircle } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { ModelChoice } from "@/lib/chat/chat-view";
import type { ConversationSettings } from "@/lib/db/conversation-settings";

interface ChatSettingsDialogProps {
  open: boolean;
  settings: ConversationSettings;
  /** The configured models: the only ones offered. */
  models: ModelChoice[];
  /** The plan's answer-length limit (and the default). */
  maxTokensLimit: number;
  /** Resolves to an error message, or null once saved. */
  onSave: (settings: ConversationSettings) => Promise<string | null>;
  onClose: () => void;
}

const field =
  "w-full rounded-xl border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 outline-none transition-[border-color,box-shadow] placeholder:text-zinc-500 focus:border-zinc-400 focus:ring-4 focus:ring-zinc-900/5 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-400 dark:focus:border-zinc-500 dark:focus:ring-white/10";
const label = "text-sm font-medium text-zinc-800 dark:text-zinc-200";
const hint = "text-xs text-zinc-600 dark:text-zinc-400";

/** A number field's value: empty means "the default". */
const optionalNumber = (value: string): number | null => (value.trim() === "" ? null : Number(value));

/** This conversation's settings, in a modal dialog. */
export function ChatSettingsDialog({
  open,
  settings,
  models,
  maxTokensLimit,
  onSave,
  onClose,
}: ChatSettingsDialogProps) {
  const id = useId();
  const [model, setModel] = useState(settings.model);
  const [systemPrompt, setSystemPrompt] = useState(settings.systemPrompt ?? "");
  const [temperature, setTemperature] = useState(settings.temperature?.toString() ?? "");
  const [maxTokens, setMaxTokens] = useState(settings.maxTokens?.toString() ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Each opening starts from the saved settings.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setModel(settings.model);
      setSystemPrompt(settings.systemPrompt ?? "");
      setTemperature(settings.temperature?.toString() ?? "");
      setMaxTokens(settings.maxTokens?.toString() ?? "");
      setError(null);
    }
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const failure = await onSave({
      model,
      systemPrompt: systemPrompt.trim() || null,
      temperature: optionalNumber(temperature),
      maxTokens: optionalNumber(maxTokens),
    });
    setSaving(false);
    if (failure) setError(failure);
    else onClose();
  };

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="Chat settings"
      description="Saved with this conversation and used for its next answers."
      testId="chat-settings"
      className="w-[min(32rem,calc(100vw-2rem))]"
    >
      <form onSubmit={submit} className="flex flex-col gap-5 p-5 pt-4 sm:p-6 sm:pt-5">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-model`} className={label}>
            Model
          </label>
          <select
            id={`${id}-model`}
            data-testid="model-select"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            className={field}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
        </div>

        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-system`} className={label}>
            System prompt
          </label>
          <textarea
            id={`${id}-system`}
            data-testid="system-prompt"
            rows={4}
            value={systemPrompt}
            onChange={(e) => setSystemPrompt(e.target.value)}
            placeholder="For example: You are a patient tutor. Answer briefly."
            aria-describedby={`${id}-system-hint`}
            className={`${field} scroll-thin resize-y`}
          />
          <p id={`${id}-system-hint`} className={hint}>
            Instructions the model reads before every message of this chat.
          </p>
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-temperature`} className={label}>
              Temperature
            </label>
            <input
              id={`${id}-temperature`}
              data-testid="temperature"
              type="number"
              inputMode="decimal"
              min={0}
              max={2}
              step={0.1}
              value={temperature}
              onChange={(e) => setTemperature(e.target.value)}
              placeholder="Default"
              aria-describedby={`${id}-temperature-hint`}
              className={field}
            />
            <p id={`${id}-temperature-hint`} className={hint}>
              0 = focused, 2 = creative. Empty = the model's default.
            </p>
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-max-tokens`} className={label}>
              Max tokens
            </label>
            <input
              id={`${id}-max-tokens`}
              data-testid="max-tokens"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxTokensLimit}
              step={1}
              value={maxTokens}
              onChange={(e) => setMaxTokens(e.target.value)}
              placeholder={`Default (${maxTokensLimit})`}
              aria-describedby={`${id}-max-tokens-hint`}
              className={field}
            />
            <p id={`${id}-max-tokens-hint`} className={hint}>
              Longest answer, up to your plan's {maxTokensLimit}.
            </p>
          </div>
        </div>

        {error && (
          <p role="alert" data-testid="settings-error" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}

        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={onClose}
            className="h-9 rounded-xl border border-zinc-300 px-4 text-sm font-medium text-zinc-700 transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            data-testid="settings-save"
            disabled={saving}
            className="inline-flex h-9 items-center gap-2 rounded-xl bg-zinc-900 px-4 text-sm font-medium text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
          >
            {saving && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
            Save
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
