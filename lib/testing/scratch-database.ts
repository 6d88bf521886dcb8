import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, databaseUrl, isPostgresUrl } from "@/lib/db/client";

/** An empty database beside the test one, for migrating step by step. */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const testUrl = databaseUrl();
  if (!isPostgresUrl(testUrl)) {
    const dir = mkdtempSync(path.join(tmpdir(), "spj-migration-"));
    return { url: `file:${path.join(dir, "scratch.db")}`, drop: async () => rmSync(dir, { recursive: true }) };
  }
  const name = `spj_scratch_${randomBytes(4).toString("hex")}`;
  const admin = createDb(testUrl);
  await admin.$executeRawUnsafe(`CREATE DATABASE ${name}`);
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.$disconnect();
    },
  };
}
