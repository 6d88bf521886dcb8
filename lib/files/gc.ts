import { deleteOrphanBlob, deleteUnreferencedFiles, findOrphanBlobs } from "@/lib/db/files";
import { fileStorage } from "./storage";

/**
 * The files GC: a file is deleted once nothing references it (no message, no live public link),
 * an upload never sent once its grace period has passed; then each blob no file names any more,
 * bytes and row. Any instance may run it at any time: every deletion re-checks its condition in
 * the database, so two instances at once delete each thing once.
 */

/** Long enough to write a message around an upload, or to come back to a draft the next day. */
export const UPLOAD_GRACE_MS = 24 * 60 * 60_000;
const GC_EVERY_MS = 60 * 60_000;
const BLOBS_PER_ROUND = 500;

export interface Collected {
  files: number;
  blobs: number;
}

export async function collectFiles(now = new Date(), graceMs = UPLOAD_GRACE_MS): Promise<Collected> {
  const before = new Date(now.getTime() - graceMs);
  const files = await deleteUnreferencedFiles(before);
  const storage = fileStorage();
  let blobs = 0;
  for (;;) {
    const candidates = await findOrphanBlobs(before, BLOBS_PER_ROUND);
    for (const sha256 of candidates) {
      // The row goes first: an upload touching it since keeps it, and then its bytes too.
      if (!(await deleteOrphanBlob(sha256, before))) continue;
      await storage.delete(sha256);
      blobs += 1;
    }
    if (candidates.length < BLOBS_PER_ROUND) break;
  }
  return { files, blobs };
}

const holder = globalThis as { spjFilesGc?: ReturnType<typeof setInterval> };

/** Collects now and every hour (once per process). */
export function startFilesGc(): void {
  if (holder.spjFilesGc) return;
  const collect = () =>
    collectFiles()
      .then(({ files, blobs }) => (files || blobs) && console.log(`files gc: ${files} file(s), ${blobs} blob(s)`))
      .catch((error) => console.error("files gc: failed", error));
  void collect();
  holder.spjFilesGc = setInterval(collect, GC_EVERY_MS);
  holder.spjFilesGc.unref?.();
}
