import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { readArchive, restoreFiles, withRestoredFiles } from "@/lib/files/archive";
import { type ImportReport, importValue } from "./index";

/**
 * Import from a ZIP archive: SPJ Chat's exports (the JSON of each conversation and the files its
 * messages hold, which are stored again as the importer's) or ChatGPT's export zip (its
 * conversations.json). One report for the whole archive.
 */

export const isZipArchive = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export async function importArchive(actor: Actor, bytes: Uint8Array): Promise<ImportReport> {
  const archive = readArchive(bytes);
  if (archive.json.length === 0) {
    throw new AppError("invalid_request", "The archive holds no conversations (no .json file).");
  }
  const { ids, problems } = await restoreFiles(actor, archive.files);
  const merged: ImportReport = { format: "spj-chat", imported: [], skipped: [] };
  for (const [index, document] of archive.json.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(document.text);
    } catch {
      merged.skipped.push({ position: index + 1, title: document.path, reason: "it is not valid JSON" });
      continue;
    }
    const missing = [...fileIdsIn(value)].flatMap((id) => {
      const problem = problems.get(id);
      return problem ? [`a file was left out (${problem})`] : [];
    });
    const report = await importValue(actor, withRestoredFiles(value, ids)).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      merged.skipped.push({ position: index + 1, title: document.path, reason: error.message });
      return null;
    });
    if (!report) continue;
    if (index === 0) merged.format = report.format;
    merged.imported.push(...report.imported.map((c) => ({ ...c, notes: [...c.notes, ...missing] })));
    merged.skipped.push(...report.skipped);
  }
  return merged;
}

/** The stored file ids a parsed export's parts name. */
function fileIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) fileIdsIn(item, found);
  else if (typeof value === "object" && value !== null) {
    const part = value as { type?: unknown; fileId?: unknown };
    if (part.type === "file" && typeof part.fileId === "string") found.add(part.fileId);
    else for (const item of Object.values(value)) fileIdsIn(item, found);
  }
  return found;
}
