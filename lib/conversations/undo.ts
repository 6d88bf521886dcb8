/**
 * How long a deleted conversation can be brought back. Shared by the server (which purges after
 * it) and the browser (which shows Undo for it), so it holds no server-only imports.
 */
export const UNDO_WINDOW_MS = 8_000;
