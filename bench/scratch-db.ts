import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A fresh, migrated database for a micro-benchmark of lib/db: a temporary SQLite file, or a
 * database created on `pgUrl` (dropped by the returned cleanup). Sets DATABASE_URL, so lib/db
 * must be imported after it.
 */
export async function scratchDatabase(which: string, pgUrl: string, prefix: string): Promise<() => Promise<void>> {
  let cleanup = async () => {};
  if (which === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `spj-${prefix}-`));
    process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `spj_${prefix.replace(/-/g, "_")}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const { migrateDatabase } = await import("../lib/db/migrate");
  await migrateDatabase(process.env.DATABASE_URL);
  return cleanup;
}
