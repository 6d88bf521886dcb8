/**
 * The URL of a stored file, for the signed-in door and for a public snapshot's reader. Kept out
 * of contract.ts so the browser's chat bundle gets it without zod.
 */
export const fileUrl = (fileId: string, shareToken?: string) =>
  shareToken ? `/share/${shareToken}/files/${fileId}` : `/api/files/${fileId}`;
