// Migrations without Prisma's native schema engine (it is downloaded at run time, which fails
// offline): Prisma's WebAssembly schema engine talks to the database through a driver adapter.
// Used by scripts/db.ts (migrate, new-migration) and by test setup to migrate fresh databases.
import { mkdirSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorRegistry,
  mockAdapter,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

export type Provider = "sqlite" | "postgresql";
export const PROVIDERS: readonly Provider[] = ["sqlite", "postgresql"];
export const DEFAULT_DATABASE_URL = "file:./data/spj.db";

// Resolved from this file, not the cwd, so test runners started elsewhere find the same files.
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SOURCE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const migrationsDir = (provider: Provider): string => path.join(ROOT, "prisma/migrations", provider);

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** `file:` (or unset) → SQLite, `postgres(ql)://` → PostgreSQL. */
export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file:, postgresql:// or postgres:// (got "${url}")`);
}

/**
 * The schema for `provider`, derived from the SQLite source schema. `provider = env(...)` is
 * rejected by Prisma, so the PostgreSQL schema is a copy with the provider and client output
 * swapped; `outputDir` is where the schema file will live, so the relative output stays right.
 */
export function schemaFor(provider: Provider, source: string, outputDir: string): string {
  if (provider === "sqlite") return source;
  const client = path
    .relative(outputDir, path.join(ROOT, "lib/db/generated", provider))
    .split(path.sep)
    .join("/");
  let swaps = 0; // both rewrites must hit, or the "PostgreSQL" schema would silently be SQLite
  const swap = (head: string, value: string) => {
    swaps++;
    return `${head}"${value}"`;
  };
  const swapped = source
    .replace(/(datasource\s+\w+\s*\{[^}]*provider\s*=\s*)"sqlite"/, (_, head: string) => swap(head, provider))
    .replace(/(generator\s+\w+\s*\{[^}]*output\s*=\s*)"[^"]*"/, (_, head: string) => swap(head, client));
  if (swaps !== 2) throw new Error("could not rewrite provider/output in prisma/schema.prisma");
  return swapped;
}

// The wasm module is instantiated once per process; each call below gets its own engine. The
// state lives on globalThis because a test runner may load this module more than once, and a
// second instantiation would pull the wasm out from under the first one's engines.
const shared = globalThis as { spjSchemaWasm?: Promise<void>; spjEngineQueue?: Promise<unknown> };
function loadWasm(): Promise<void> {
  shared.spjSchemaWasm ??= (async () => {
    // The package only exports the JS glue; the .wasm sits next to it.
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    // The engine races its PostgreSQL advisory lock against a 10 s setTimeout that it never
    // clears (the glue has no clearTimeout), which would hold the process open 10 s after each
    // migration. Unref it: it only ever races database I/O, which keeps the loop alive itself.
    const glue: WebAssembly.ModuleImports = { ...(bg as unknown as WebAssembly.ModuleImports) };
    for (const [name, fn] of Object.entries(glue)) {
      if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
        glue[name] = (...args: unknown[]) => {
          const timer: unknown = fn(...args);
          (timer as { unref?: () => void } | undefined)?.unref?.();
          return timer;
        };
      }
    }
    const imports = { "./schema_engine_bg.js": glue };
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return shared.spjSchemaWasm;
}

/**
 * Runs `fn` with a schema engine over `factory`, then frees the engine and disposes every
 * connection it opened (the engine never does, and an open pg pool keeps node alive).
 * Driver failures reach JS only as "External error id#N"; the real error is swapped back in.
 */
// The wasm engine keeps process-wide state; two engines at once panic it (seen when two test
// projects migrated their databases in parallel). Engines therefore run one at a time.

function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: string | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const run = (shared.spjEngineQueue ?? Promise.resolve()).then(() => runEngine(factory, datamodel, fn));
  shared.spjEngineQueue = run.catch(() => {});
  return run;
}

async function runEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: string | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const opened: SqlDriverAdapter[] = [];
  const track = async (p: Promise<SqlDriverAdapter>) => {
    const adapter = await p;
    opened.push(adapter);
    return adapter;
  };
  const bound = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  });
  let engine: SchemaEngine | undefined;
  try {
    const datamodels: [string, string][] | undefined = datamodel ? [["schema.prisma", datamodel]] : undefined;
    engine = await bg.SchemaEngine.new({ datamodels }, () => {}, bound);
    return await fn(engine);
  } catch (error) {
    throw realError(error, bound.errorRegistry);
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

function realError(error: unknown, registry: ErrorRegistry): unknown {
  const id = /External error id#(\d+)/.exec(String(error))?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  return original ?? error;
}

/** The folders' migrations in name order, as the engine expects them. */
async function readMigrations(provider: Provider): Promise<MigrationList> {
  const baseDir = migrationsDir(provider);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lock = await readFile(path.join(baseDir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lock },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, dir, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (e: unknown) => ({ tag: "error" as const, value: String(e) }),
          ),
        },
      })),
    ),
  };
}

function adapterFactoryFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgresql") return new PrismaPg({ connectionString: url });
  // better-sqlite3 creates the file but not its folder; the path is relative to the cwd.
  mkdirSync(path.dirname(path.resolve(url.slice("file:".length).split("?")[0] ?? "")), {
    recursive: true,
  });
  return new PrismaBetterSqlite3({ url });
}

/**
 * Applies pending migrations from prisma/migrations/<provider>/ to the database at `url`
 * (default: DATABASE_URL, else file:./data/spj.db). Returns the names applied (empty when up to
 * date). Safe to call repeatedly in one process; connections are closed before it resolves.
 * `through` stops after the migration of that name (tests of a migration's data conversion).
 */
export async function migrateDatabase(url?: string, options: { through?: string } = {}): Promise<string[]> {
  const target = url || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const migrationsList = await readMigrations(providerOf(target));
  const { through } = options;
  if (through !== undefined) {
    migrationsList.migrationDirectories = migrationsList.migrationDirectories.filter((dir) => dir.path <= through);
  }
  // On SQLite the engine takes `locking_mode=EXCLUSIVE`, which fails with SQLITE_BUSY while any
  // other process (a running app instance, the admin CLI) has the database open. So the engine
  // only starts when an ordinary connection finds something pending (or cannot read the table).
  const pending = await pendingMigrations(target, migrationsList).catch(() => null);
  if (pending?.length === 0) return [];
  const result = await withEngine(adapterFactoryFor(target), undefined, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  return result.appliedMigrationNames;
}

/** Migrations on disk that the database has not applied; throws when it cannot tell. */
async function pendingMigrations(url: string, list: MigrationList): Promise<string[]> {
  // Imported here, not at the top: `scripts/db.ts generate` loads this module before the
  // Prisma clients that ./client imports have been generated (a fresh clone's postinstall).
  const { createDb } = await import("./client");
  const client = createDb(url);
  try {
    const rows = await client.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    return list.migrationDirectories.map((dir) => dir.path).filter((name) => !applied.has(name));
  } finally {
    await client.$disconnect();
  }
}

/**
 * A PostgreSQL "connection" for datamodel→datamodel diffs, which never touch the database but
 * the engine still probes the server version on start-up. Answering that probe is all it needs
 * (the SQL was checked to match a diff made over a real connection); anything else fails loudly.
 */
function offlinePostgres(): SqlMigrationAwareDriverAdapterFactory {
  const adapter: SqlDriverAdapter = {
    ...mockAdapter("postgres"),
    adapterName: "offline",
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    dispose: async () => {},
    queryRaw: async (query) => {
      if (!query.sql.includes("server_version_num")) throw new Error(`unexpected query: ${query.sql}`);
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, "PostgreSQL 15.0", 150000]],
      };
    },
  };
  return {
    provider: "postgres",
    adapterName: "offline",
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

/**
 * The SQL that takes a database from schema `from` (null: empty) to schema `to`, or "" when they
 * match. Needs no database: an in-memory SQLite or a stubbed PostgreSQL connection.
 */
export async function diffSchemas(provider: Provider, from: string | null, to: string): Promise<string> {
  const factory = provider === "sqlite" ? new PrismaBetterSqlite3({ url: ":memory:" }) : offlinePostgres();
  const result = await withEngine(factory, to, (engine) =>
    engine.diff({
      from:
        from === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  const sql = result.stdout ?? "";
  return sql.trim() === "-- This is an empty migration." ? "" : sql;
}
