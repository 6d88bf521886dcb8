"use client";

import { FileText, ImageIcon } from "lucide-react";
import { createContext, useContext, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { FilePart } from "@/lib/chat/parts";
import { fileUrl } from "@/lib/files/urls";
import { fileSize, fileTypeLabel, isImageType } from "./file-labels";

/**
 * The public snapshot's token: inside a snapshot, files are read through its link
 * (`/share/:token/files/:id`), which stops working when the link is revoked.
 */
export const ShareTokenContext = createContext<string | undefined>(undefined);

/** Where the browser reads a file part: its stored copy, or an inline `data:` image (public API). */
function sourceOf(part: FilePart, shareToken: string | undefined): string | null {
  if (part.fileId) return fileUrl(part.fileId, shareToken);
  // A remote URL sent through the API goes to the provider as it is; readers' browsers do not fetch it.
  return part.url?.startsWith("data:") ? part.url : null;
}

/** An image as a thumbnail that opens full size; any other file as a card with its type and size. */
export function FileView({ part }: { part: FilePart }) {
  const src = sourceOf(part, useContext(ShareTokenContext));
  if (src && isImageType(part.mediaType)) return <ImageThumbnail part={part} src={src} />;
  return <FileCard part={part} src={src} />;
}

function ImageThumbnail({ part, src }: { part: FilePart; src: string }) {
  const [open, setOpen] = useState(false);
  const name = part.name ?? "Image";
  return (
    <>
      <button
        type="button"
        data-testid="file-image"
        onClick={() => setOpen(true)}
        aria-label={`Open ${name} full size`}
        className="block w-fit overflow-hidden rounded-2xl border border-zinc-200 bg-zinc-50 transition-opacity hover:opacity-90 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {/* biome-ignore lint/performance/noImgElement: a user's file, served as it is, not a Next.js asset */}
        <img
          src={src}
          alt={name}
          loading="lazy"
          className="block max-h-60 min-h-20 max-w-[min(100%,20rem)] min-w-20 object-contain"
        />
      </button>
      {open && (
        <ModalDialog
          open
          onClose={() => setOpen(false)}
          title={name}
          description={part.size !== undefined ? fileSize(part.size) : undefined}
          testId="image-dialog"
          className="w-fit max-w-[calc(100vw-2rem)]"
        >
          <div className="px-5 pt-3 pb-5 sm:px-6 sm:pb-6">
            {/* biome-ignore lint/performance/noImgElement: the full-size user file */}
            <img src={src} alt={name} className="mx-auto block max-h-[80dvh] max-w-full object-contain" />
          </div>
        </ModalDialog>
      )}
    </>
  );
}

function FileCard({ part, src }: { part: FilePart; src: string | null }) {
  const image = isImageType(part.mediaType);
  const Icon = image ? ImageIcon : FileText;
  const type = fileTypeLabel(part.mediaType, part.name);
  const details = part.size !== undefined ? `${type} · ${fileSize(part.size)}` : type;
  const body = (
    <>
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-rose-500/90 text-white dark:bg-rose-600">
        <Icon className="size-4.5" aria-hidden="true" />
      </span>
      <span className="flex min-w-0 flex-col text-left">
        <span data-testid="file-name" className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {part.name ?? (image ? "Image" : "File")}
        </span>
        <span data-testid="file-details" className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          {details}
        </span>
      </span>
    </>
  );
  const card =
    "flex w-64 max-w-full items-center gap-3 rounded-2xl border border-zinc-200 bg-white px-3 py-2.5 dark:border-zinc-800 dark:bg-zinc-900";
  // Opened in a new tab: a PDF in the browser's viewer, other types as the browser shows them.
  return src ? (
    <a
      href={src}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="file-card"
      className={`${card} transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-800/60`}
    >
      {body}
    </a>
  ) : (
    <span data-testid="file-card" className={card}>
      {body}
    </span>
  );
}
