import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

// Runs in each test worker before the test file: point lib/db at this project's fresh database.
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

process.env.DATABASE_URL = inject("databaseUrl");
// Each test file stores uploads in a folder of its own (lib/files/storage.ts), so none sees another's.
process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), "spj-files-"));

// New chats' generated titles are one more upstream call: off unless a test turns them on
// (lib/chat/title-generation.db.test.ts), so the others count only their answers' requests.
process.env.CHAT_TITLE_MODEL ??= "none";
