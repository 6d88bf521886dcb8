/** How files read on chips and cards: shared by the composer and the messages. */

const bytesFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "820 B", "12.4 KB", "3.1 MB" (decimal units, as file managers show them). */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${bytesFormat.format(bytes / 1000)} KB`;
  return `${bytesFormat.format(bytes / 1_000_000)} MB`;
}

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "text/plain": "Text",
  "text/markdown": "Markdown",
  "text/csv": "CSV",
  "application/json": "JSON",
  "text/html": "HTML",
};

/** A short name for a file's type: "PDF", "CSV", else the name's extension, else the media type. */
export function fileTypeLabel(mediaType: string, name?: string): string {
  const known = TYPE_LABELS[mediaType.split(";")[0]?.trim() ?? ""];
  if (known) return known;
  const extension = name?.match(/\.([a-z0-9]{1,8})$/i)?.[1];
  if (extension) return extension.toUpperCase();
  return mediaType.split("/").at(-1)?.toUpperCase() || "File";
}

export const isImageType = (mediaType: string) => mediaType.startsWith("image/");
