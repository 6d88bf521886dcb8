import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { instrumentPool } from "../metrics";
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

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Sized for bursts: 200 streams arriving at once each open two transactions (turn start and end).
 * With Prisma's defaults (a pool of 10, 2 s to start a transaction) a loaded machine failed half
 * of them with P2028; a request now waits its turn for a connection instead of failing.
 */
export function postgresPoolOptions(): { max: number; transactionWaitMs: number; transactionTimeoutMs: number } {
  return {
    max: positiveInt("DATABASE_POOL_SIZE", 20),
    transactionWaitMs: positiveInt("DATABASE_TRANSACTION_WAIT_MS", 30_000),
    transactionTimeoutMs: positiveInt("DATABASE_TRANSACTION_TIMEOUT_MS", 30_000),
  };
}

/**
 * The driver underneath Prisma, for the statements on every API request (lib/db/statements.ts):
 * on PostgreSQL the very pool Prisma uses; on SQLite a second connection to the same file (WAL:
 * it reads beside Prisma's connection and never waits for it).
 */
export type Driver = { kind: "sqlite"; sqlite: Database.Database } | { kind: "postgresql"; pool: pg.Pool };

function connect(url: string): { db: Db; pool: pg.Pool | null } {
  if (isPostgresUrl(url)) {
    const options = postgresPoolOptions();
    const pool = new pg.Pool({ connectionString: url, max: options.max });
    // An idle connection the server ended (a restart, a failover) must not end the process.
    pool.on("error", (error) => console.error("database pool: idle connection lost", error.message));
    instrumentPool(pool);
    const db = new PostgresClient({
      // (The adapter's @types/pg is a newer copy of the same driver's types.)
      adapter: new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0]),
      transactionOptions: { maxWait: options.transactionWaitMs, timeout: options.transactionTimeoutMs },
    }) as unknown as Db;
    return { db, pool };
  }
  // A busy database waits instead of failing at once when another writer holds the lock.
  const client = new PrismaClient({
    adapter: immediateTransactions(new PrismaBetterSqlite3({ url, timeout: 10_000 })),
  });
  // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, not on every commit,
  // which keeps a commit far below a millisecond (a power cut may lose the last commits, not
  // corrupt the file). The adapter holds one connection, and these run as its first queries.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => {});
  void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
  // Table statistics, refreshed where stale, as SQLite advises at open: without them the planner
  // misses the usage dashboard's covering indexes (a one-off second on a database of millions).
  void client.$queryRawUnsafe("PRAGMA optimize = 0x10002").catch(() => {});
  return { db: client, pool: null };
}

/**
 * Prisma's SQLite adapter opens a transaction with a deferred BEGIN, which takes the write lock
 * only at the first write. A transaction that reads first then fails at once with SQLITE_BUSY
 * ("Operation has timed out") whenever another process (a worker of `npm start`, a second
 * instance, the CLI) committed since its read, and the busy timeout never applies. BEGIN
 * IMMEDIATE takes the lock up front, so the transaction waits for it instead.
 */
function immediateTransactions(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const sqlite = (adapter as unknown as { client: Database.Database }).client;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof prepare;
    return adapter;
  };
  return factory;
}

export function createDb(url: string): Db {
  return connect(url).db;
}

// Kept on globalThis so that Next's dev reloads do not open a new pool per edit.
const holder = globalThis as { spjDb?: Db; spjPool?: pg.Pool | null; spjSqlite?: Database.Database };

export function db(): Db {
  if (!holder.spjDb) {
    const created = connect(databaseUrl());
    holder.spjDb = created.db;
    holder.spjPool = created.pool;
  }
  return holder.spjDb;
}

export function driver(): Driver {
  db();
  if (holder.spjPool) return { kind: "postgresql", pool: holder.spjPool };
  if (!holder.spjSqlite) {
    // Its statements run on this thread, so it never waits for the write lock: the unit of work is
    // tried again after other work (lib/db/statements.ts). SQLite's own wait would stall the process.
    holder.spjSqlite = new Database(databaseUrl().replace(/^file:/, ""), { timeout: 0 });
    holder.spjSqlite.pragma("journal_mode = WAL");
    holder.spjSqlite.pragma("synchronous = NORMAL");
  }
  return { kind: "sqlite", sqlite: holder.spjSqlite };
}
