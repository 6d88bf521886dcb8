/**
 * The benchmark's data set for bench/sidebar-search.ts: one user with N conversations of M
 * messages each, written with bulk raw SQL (minutes, not hours, for a million messages) through
 * the same migrations, triggers and indexes as the app. Text is drawn from a Zipf-distributed
 * vocabulary so that posting lists look like real chat text: a few words everywhere, most rare.
 */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { prng } from "./usage-seed";

export interface SeedOptions {
  conversations: number;
  messagesPerConversation: number;
  pinned: number;
}

/** Words planted at known frequencies, so each search query has a known number of matches. */
export const PLANTED = {
  /** In 12 messages in all. */
  rare: "zanzibarite",
  /** In about 1% of messages. */
  medium: "telemetry",
  /** In about 30% of messages. */
  common: "function",
} as const;

const SYLLABLES = ["ka", "lo", "ver", "tin", "mar", "qu", "sel", "dor", "pi", "nex", "ra", "ul", "ost", "em", "fa"];

function vocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(""));
  }
  return [...words];
}

/** Samples ranks with P(rank) ∝ 1/rank^s through a precomputed cumulative table. */
function zipf(size: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += 1 / (i + 1) ** s;
    cumulative[i] = total;
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface Row {
  conversations: { id: string; title: string; createdAt: Date; updatedAt: Date; pinnedAt: Date | null }[];
  messages: { id: string; conversationId: string; role: string; content: string; createdAt: Date }[];
}

/** Yields the data a batch of conversations at a time, oldest first (as a real history was written). */
function* batches(options: SeedOptions, batchSize: number): Generator<Row> {
  const random = prng(42);
  const words = vocabulary(20_000, random);
  const rank = zipf(words.length, 1.07, random);
  const text = (length: number) => {
    const out = Array.from({ length }, () => words[rank()]);
    if (random() < 0.3) out[Math.floor(random() * length)] = PLANTED.common;
    if (random() < 0.01) out[Math.floor(random() * length)] = PLANTED.medium;
    return out.join(" ");
  };
  const total = options.conversations * options.messagesPerConversation;
  const rareAt = new Set(Array.from({ length: 12 }, (_, i) => Math.floor(((i + 0.5) * total) / 12)));
  const pinnedAtIndex = new Set(
    Array.from({ length: options.pinned }, (_, i) => Math.floor(((i + 0.5) * options.conversations) / options.pinned)),
  );
  const span = 2 * 365 * 86_400_000;
  const start = Date.now() - span;
  let messageIndex = 0;
  for (let first = 0; first < options.conversations; first += batchSize) {
    const row: Row = { conversations: [], messages: [] };
    for (let c = first; c < Math.min(first + batchSize, options.conversations); c++) {
      const id = randomUUID();
      const createdAt = new Date(start + (span * c) / options.conversations);
      let at = createdAt.getTime();
      for (let m = 0; m < options.messagesPerConversation; m++, messageIndex++) {
        const role = m % 2 === 0 ? "user" : "assistant";
        let content = text(role === "user" ? 8 + Math.floor(random() * 16) : 30 + Math.floor(random() * 70));
        if (rareAt.has(messageIndex)) content = `${content} ${PLANTED.rare}`;
        at += 1_000 + Math.floor(random() * 60_000);
        row.messages.push({ id: randomUUID(), conversationId: id, role, content, createdAt: new Date(at) });
      }
      const pinnedAt = pinnedAtIndex.has(c) ? new Date(at) : null;
      row.conversations.push({ id, title: text(4), createdAt, updatedAt: new Date(at), pinnedAt });
    }
    yield row;
  }
}

const BATCH = 100; // conversations per transaction

export function seedSqlite(file: string, owner: { ownerId: string; workspaceId: string }, options: SeedOptions): void {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  // Random UUID keys land all over the indexes: a page cache that holds them keeps the seeding fast.
  sqlite.pragma("cache_size = -1000000");
  // Dates as the app's driver writes them (ISO 8601 with +00:00), so comparisons and order agree.
  const iso = (d: Date | null) => d?.toISOString().replace("Z", "+00:00") ?? null;
  const conversation = sqlite.prepare(
    `INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "model", "visibility", "pinnedAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, 'llama-3.3-70b-versatile', 'PRIVATE', ?, ?, ?)`,
  );
  const message = sqlite.prepare(
    `INSERT INTO "Message" ("id", "conversationId", "role", "content", "status", "createdAt") VALUES (?, ?, ?, ?, 'COMPLETE', ?)`,
  );
  const write = sqlite.transaction((row: Row) => {
    for (const c of row.conversations) {
      conversation.run(
        c.id,
        owner.workspaceId,
        owner.ownerId,
        c.title,
        iso(c.pinnedAt),
        iso(c.createdAt),
        iso(c.updatedAt),
      );
    }
    for (const m of row.messages) message.run(m.id, m.conversationId, m.role, m.content, iso(m.createdAt));
  });
  // FTS5 flushes and merges its segments at every commit, rewriting more of the index as it grows
  // (4.9 GB written for the first 150,000 messages): the index is built once after the rows, as
  // the migration does for existing rows, and the insert triggers are put back as they were.
  const triggers = sqlite
    .prepare(`SELECT "sql" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_insert'`)
    .pluck()
    .all() as string[];
  sqlite.exec(`DROP TRIGGER "Message_search_insert"; DROP TRIGGER "Conversation_search_insert";`);
  for (const row of batches(options, BATCH)) write(row);
  sqlite.exec(`INSERT INTO "MessageSearch" ("MessageSearch") VALUES ('rebuild');
    INSERT INTO "ConversationSearch" ("ConversationSearch") VALUES ('rebuild');`);
  for (const trigger of triggers) sqlite.exec(trigger);
  sqlite.pragma("optimize");
  sqlite.close();
}

export async function seedPostgres(
  url: string,
  owner: { ownerId: string; workspaceId: string },
  options: SeedOptions,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const row of batches(options, BATCH)) {
      const cs = row.conversations;
      const ms = row.messages;
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "model", "visibility", "pinnedAt", "createdAt", "updatedAt")
         SELECT id, $2, $3, title, 'llama-3.3-70b-versatile', 'PRIVATE', pinned, created, updated
         FROM unnest($1::text[], $4::text[], $5::timestamp[], $6::timestamp[], $7::timestamp[])
           AS t(id, title, pinned, created, updated)`,
        [
          cs.map((c) => c.id),
          owner.workspaceId,
          owner.ownerId,
          cs.map((c) => c.title),
          cs.map((c) => c.pinnedAt?.toISOString() ?? null),
          cs.map((c) => c.createdAt.toISOString()),
          cs.map((c) => c.updatedAt.toISOString()),
        ],
      );
      await client.query(
        `INSERT INTO "Message" ("id", "conversationId", "role", "content", "status", "createdAt")
         SELECT id, conversation, role, content, 'COMPLETE', created
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamp[])
           AS t(id, conversation, role, content, created)`,
        [
          ms.map((m) => m.id),
          ms.map((m) => m.conversationId),
          ms.map((m) => m.role),
          ms.map((m) => m.content),
          ms.map((m) => m.createdAt.toISOString()),
        ],
      );
      await client.query("COMMIT");
    }
    // What autovacuum would have done by the time anyone searched.
    await client.query(`VACUUM ANALYZE "Conversation"`);
    await client.query(`VACUUM ANALYZE "Message"`);
  } finally {
    await client.end();
  }
}
