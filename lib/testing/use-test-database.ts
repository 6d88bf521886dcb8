import { inject } from "vitest";

// Runs in each test worker before the test file: point lib/db at this project's fresh database.
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

process.env.DATABASE_URL = inject("databaseUrl");

// New chats' generated titles are one more upstream call: off unless a test turns them on
// (lib/chat/title-generation.db.test.ts), so the others count only their answers' requests.
process.env.CHAT_TITLE_MODEL ??= "none";
