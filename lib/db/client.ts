import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient } from "./generated/sqlite/client";

/**
 * One Prisma client per process, for the provider `DATABASE_URL` names. Both generated clients
 * come from the same models, so the PostgreSQL one is typed as the SQLite one.
 */
export type Db = PrismaClient;

export const DEFAULT_DATABASE_URL = "file:./data/spj.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  // A busy database waits instead of failing at once when another writer holds the lock.
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) });
  // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, not on every commit,
  // which keeps a commit far below a millisecond (a power cut may lose the last commits, not
  // corrupt the file). The adapter holds one connection, and these run as its first queries.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => {});
  void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
  // Table statistics, refreshed where stale, as SQLite advises at open: without them the planner
  // misses the usage dashboard's covering indexes (a one-off second on a database of millions).
  void client.$queryRawUnsafe("PRAGMA optimize = 0x10002").catch(() => {});
  return client;
}

// Kept on globalThis so that Next's dev reloads do not open a new pool per edit.
const holder = globalThis as { spjDb?: Db };

export function db(): Db {
  holder.spjDb ??= createDb(databaseUrl());
  return holder.spjDb;
}
