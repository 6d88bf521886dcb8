import type { ReadableConversations } from "@/lib/auth/policy";
import type { FileKind } from "@/lib/files/contract";
import { db } from "./client";

/** Uploaded files, their content-addressed blobs, and what references them (lib/files). */

export interface FileRecord {
  id: string;
  ownerId: string;
  workspaceId: string;
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  kind: FileKind;
  text: string | null;
  tokens: number;
  createdAt: Date;
}

const fileSelect = {
  id: true,
  ownerId: true,
  workspaceId: true,
  sha256: true,
  name: true,
  mediaType: true,
  size: true,
  kind: true,
  text: true,
  tokens: true,
  createdAt: true,
} as const;

const asRecord = (row: Omit<FileRecord, "kind"> & { kind: string }): FileRecord => ({
  ...row,
  kind: row.kind as FileKind,
});

/** Creates the blob's row, or marks it as being written again, before its bytes are stored. */
export async function touchBlob(sha256: string, size: number): Promise<void> {
  const touchedAt = new Date();
  await db().blob.upsert({ where: { sha256 }, create: { sha256, size, touchedAt }, update: { touchedAt } });
}

export type NewFile = Omit<FileRecord, "id" | "createdAt">;

export async function insertFile(file: NewFile): Promise<FileRecord> {
  return asRecord(await db().file.create({ data: file, select: fileSelect }));
}

export async function findFiles(ids: readonly string[]): Promise<FileRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db().file.findMany({ where: { id: { in: [...ids] } }, select: fileSelect });
  return rows.map(asRecord);
}

export async function findFile(id: string): Promise<FileRecord | null> {
  const row = await db().file.findUnique({ where: { id }, select: fileSelect });
  return row ? asRecord(row) : null;
}

/**
 * A conversation that holds the file in one of its messages among those `readable` describes
 * (lib/auth/policy.ts readableConversations), or null. The caller still asks the policy.
 */
export async function findConversationHoldingFile(
  fileId: string,
  readable: ReadableConversations,
): Promise<{ workspaceId: string; ownerId: string; visibility: string } | null> {
  const row = await db().messageFile.findFirst({
    where: {
      fileId,
      message: {
        conversation: {
          workspaceId: readable.workspaceId,
          deletedAt: null,
          OR: [{ ownerId: readable.ownerId }, { visibility: readable.sharedVisibility }],
        },
      },
    },
    select: {
      message: { select: { conversation: { select: { workspaceId: true, ownerId: true, visibility: true } } } },
    },
  });
  return row?.message.conversation ?? null;
}

/** The file, when it belongs to the live public snapshot whose token hashes to `tokenHash`. */
export async function findSnapshotFile(tokenHash: string, fileId: string): Promise<FileRecord | null> {
  const row = await db().shareLinkFile.findFirst({
    where: { fileId, shareLink: { tokenHash, revokedAt: null, conversation: { deletedAt: null } } },
    select: { file: { select: fileSelect } },
  });
  return row ? asRecord(row.file) : null;
}

/**
 * Files nothing references: no message, no live public link, and older than `before` (an upload
 * not sent yet is given until then). Returns how many were deleted.
 */
export async function deleteUnreferencedFiles(before: Date): Promise<number> {
  const { count } = await db().file.deleteMany({
    where: {
      createdAt: { lt: before },
      messages: { none: {} },
      shares: { none: { shareLink: { revokedAt: null } } },
    },
  });
  return count;
}

/** Blobs no file names, last written before `before`: candidates for deletion. */
export async function findOrphanBlobs(before: Date, limit: number): Promise<string[]> {
  const rows = await db().blob.findMany({
    where: { touchedAt: { lt: before }, files: { none: {} } },
    select: { sha256: true },
    take: limit,
  });
  return rows.map((r) => r.sha256);
}

/** Deletes the blob's row if it is still an orphan (an upload may have touched it since); true if deleted. */
export async function deleteOrphanBlob(sha256: string, before: Date): Promise<boolean> {
  const { count } = await db().blob.deleteMany({
    where: { sha256, touchedAt: { lt: before }, files: { none: {} } },
  });
  return count > 0;
}
