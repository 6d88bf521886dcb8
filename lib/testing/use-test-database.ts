import { inject } from "vitest";

// Runs in each test worker before the test file: point lib/db at this project's fresh database.
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

process.env.DATABASE_URL = inject("databaseUrl");
