import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/lib/db/migrate";

/** A fresh SQLite file per run, migrated with the project's own migrations. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "spj-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrateDatabase(url);
  project.provide("databaseUrl", url);
  return () => rmSync(dir, { recursive: true, force: true });
}
