"use client";

import clsx from "clsx";
import { CircleAlert, FileText, X } from "lucide-react";
import { fileSize, fileTypeLabel } from "./file-labels";
import type { Attachment } from "./use-attachments";

const tokensFormat = new Intl.NumberFormat("en");

/** The composer's files: one chip each, with its upload progress, what it adds, or why it was refused. */
export function AttachmentChips({
  attachments,
  onRemove,
}: {
  attachments: readonly Attachment[];
  onRemove: (key: string) => void;
}) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label="Attached files" className="flex flex-wrap gap-2 px-1 pt-1 pb-2">
      {attachments.map((a) => (
        <li key={a.key}>
          <Chip attachment={a} onRemove={() => onRemove(a.key)} />
        </li>
      ))}
    </ul>
  );
}

function Chip({ attachment: a, onRemove }: { attachment: Attachment; onRemove: () => void }) {
  const failed = a.status === "failed";
  const percent = Math.round(a.progress * 100);
  return (
    <div
      data-testid="attachment-chip"
      data-status={a.status}
      className={clsx(
        "relative flex w-64 max-w-full items-center gap-2.5 overflow-hidden rounded-xl border py-1.5 pr-1.5 pl-1.5",
        failed
          ? "border-red-200 bg-red-50/70 dark:border-red-900/60 dark:bg-red-950/30"
          : "border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950",
      )}
    >
      {a.preview ? (
        // biome-ignore lint/performance/noImgElement: a local object URL of the picked file
        <img src={a.preview} alt="" className="size-9 shrink-0 rounded-lg object-cover" />
      ) : (
        <span
          className={clsx(
            "flex size-9 shrink-0 items-center justify-center rounded-lg text-white",
            failed ? "bg-red-400 dark:bg-red-700" : "bg-rose-500/90 dark:bg-rose-600",
          )}
        >
          {failed ? (
            <CircleAlert className="size-4" aria-hidden="true" />
          ) : (
            <FileText className="size-4" aria-hidden="true" />
          )}
        </span>
      )}
      <span className="flex min-w-0 flex-1 flex-col">
        <span
          data-testid="attachment-name"
          className="truncate text-[0.8125rem] font-medium text-zinc-900 dark:text-zinc-100"
          title={a.name}
        >
          {a.name}
        </span>
        <span className="truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {failed ? (
            <span
              data-testid="attachment-error"
              role="alert"
              className="text-red-700 dark:text-red-300"
              title={a.error}
            >
              {a.error}
            </span>
          ) : (
            <>
              {fileTypeLabel(a.uploaded?.mediaType ?? a.type, a.name)} · {fileSize(a.size)}
              {a.status === "uploading" && ` · ${percent}%`}
              {a.uploaded && (
                <span data-testid="attachment-tokens"> · +{tokensFormat.format(a.uploaded.tokens)} tokens</span>
              )}
            </>
          )}
        </span>
      </span>
      <button
        type="button"
        data-testid="attachment-remove"
        onClick={onRemove}
        aria-label={`Remove ${a.name}`}
        title="Remove"
        className="flex size-7 shrink-0 items-center justify-center rounded-lg text-zinc-500 transition-colors hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <X className="size-3.5" aria-hidden="true" />
      </button>
      {a.status === "uploading" && (
        <div
          role="progressbar"
          aria-label={`Uploading ${a.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="absolute inset-x-0 bottom-0 h-0.5 bg-zinc-200 dark:bg-zinc-800"
        >
          <div className="h-full bg-zinc-900 transition-[width] dark:bg-zinc-100" style={{ width: `${percent}%` }} />
        </div>
      )}
    </div>
  );
}
