import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Three projects: `unit` (no database), and the database suites (`*.db.test.ts`) run twice,
 * against a fresh SQLite file and a fresh PostgreSQL database. PostgreSQL is on when
 * TEST_POSTGRES_URL is set (CI sets it); otherwise its project says so and skips.
 */
const alias = { "@": path.resolve(import.meta.dirname) };
const dbSuite = (name: "sqlite" | "postgresql") => ({
  resolve: { alias },
  test: {
    name,
    include: ["lib/**/*.db.test.ts", "app/**/*.db.test.ts"],
    globalSetup: [`lib/testing/global-setup-${name}.ts`],
    setupFiles: ["lib/testing/use-test-database.ts"],
    testTimeout: 20_000,
  },
});

export default defineConfig({
  test: {
    // Two files at a time on the 2-core machine (Vitest's default is one fewer than the cores):
    // the database suites spend much of their time waiting on PostgreSQL, SQLite's lock or a
    // spawned process, so a second file fills that time (whole run 5.3 min instead of ~7).
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      dbSuite("sqlite"),
      dbSuite("postgresql"),
    ],
  },
});
