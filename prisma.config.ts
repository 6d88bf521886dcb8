// Read by every Prisma CLI command run from the repo root.
import { defineConfig } from "prisma/config";

// The CLI downloads a native schema engine before any command, which fails offline. Pointing it
// at an existing file skips the download; /bin/false (not /bin/true) makes a `prisma migrate`
// fail instead of exiting 0 having done nothing. Migrations go through `scripts/db.ts migrate`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= "/bin/false";

export default defineConfig({
  // The SQLite source; scripts/db.ts passes --schema for the derived PostgreSQL one.
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations/sqlite" },
  // Optional: `prisma generate` needs no URL, and env("DATABASE_URL") would throw when unset.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
