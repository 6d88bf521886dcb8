import type { ReadableConversations } from "@/lib/auth/policy";
import { databaseUrl, db, isPostgresUrl } from "./client";
import { GENERATING } from "./enums";
import { Prisma } from "./generated/sqlite/client";

/**
 * Full-text search over message contents and conversation titles, through the indexes of
 * migration 0004_search: FTS5 on SQLite, tsvector + GIN on PostgreSQL. Never a LIKE scan.
 *
 * `terms` are words of letters and digits only (lib/conversations/search.ts makes them), so
 * neither query language sees any of its operators from user input. Matches come back wrapped in
 * MATCH_START / MATCH_END.
 */

export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

interface HitConversation {
  conversationId: string;
  workspaceId: string;
  ownerId: string;
  visibility: string;
}

export interface MessageHit extends HitConversation {
  messageId: string;
  role: string;
  createdAt: Date;
  title: string;
  /** A fragment of the message around the matches, marked. */
  snippet: string;
}

export interface TitleHit extends HitConversation {
  updatedAt: Date;
  /** The whole title, marked. */
  title: string;
}

/** The words to find; with `prefix`, the last one also matches longer words it begins. */
export interface SearchTerms {
  terms: string[];
  prefix: boolean;
}

const isPrefix = (q: SearchTerms, i: number) => q.prefix && i === q.terms.length - 1;
const ftsQuery = (q: SearchTerms) => q.terms.map((t, i) => `"${t}"${isPrefix(q, i) ? "*" : ""}`).join(" ");
const tsQuery = (q: SearchTerms) => q.terms.map((t, i) => `${t}${isPrefix(q, i) ? ":*" : ""}`).join(" & ");

// ts_headline marks whole short texts (its fragment mode drops a trailing number, "sighting 24"),
// and one fragment of about SQLite's snippet size around the matches of longer ones.
const WHOLE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`;
const FRAGMENT = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=1, MaxWords=28, MinWords=12`;
const WHOLE_CHARS = 200;

const inScope = (scope: ReadableConversations) =>
  Prisma.sql`c."deletedAt" IS NULL AND c."workspaceId" = ${scope.workspaceId}
    AND (c."ownerId" = ${scope.ownerId} OR c."visibility" = ${scope.sharedVisibility})`;

/** An answer still being generated is found once it is saved. */
const searchable = Prisma.sql`m."status" <> ${GENERATING}`;

/**
 * Newest messages first: by rowid on SQLite (the order they were saved, which FTS5 walks without
 * sorting), by createdAt on PostgreSQL. System messages are not shown in a chat, so not found.
 */
export async function searchMessages(
  scope: ReadableConversations,
  terms: SearchTerms,
  limit: number,
): Promise<MessageHit[]> {
  if (!isPostgresUrl(databaseUrl())) {
    const rows = await db().$queryRaw<MessageHit[]>`
      SELECT m."id" AS "messageId", m."conversationId", m."role", m."createdAt", c."title",
             c."workspaceId", c."ownerId", c."visibility",
             snippet("MessageSearch", 0, ${MATCH_START}, ${MATCH_END}, '…', 24) AS "snippet"
      FROM "MessageSearch"
      JOIN "Message" m ON m.rowid = "MessageSearch".rowid
      JOIN "Conversation" c ON c."id" = m."conversationId"
      WHERE "MessageSearch" MATCH ${ftsQuery(terms)} AND m."role" <> 'system' AND ${searchable} AND ${inScope(scope)}
      ORDER BY "MessageSearch".rowid DESC
      LIMIT ${limit}`;
    return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
  }
  // PostgreSQL's planner cannot tell a rare word from a common one well enough to choose between
  // the GIN index (fetch every match, sort) and walking messages newest first (stop after the
  // 20th match): guessing wrong costs seconds at a million messages. So both, in turn: the
  // newest messages first, which finds a common word at once, then every match of a word too
  // rare to fill a page there, which the GIN index finds at once.
  const recent = await postgresMessageHits(scope, terms, limit, true);
  return recent.length >= limit ? recent : postgresMessageHits(scope, terms, limit, false);
}

/** How many of the newest messages PostgreSQL's first pass looks through. */
const RECENT_MESSAGES = 5_000;

function postgresMessageHits(
  scope: ReadableConversations,
  terms: SearchTerms,
  limit: number,
  recentOnly: boolean,
): Promise<MessageHit[]> {
  const query = Prisma.sql`to_tsquery('english', ${tsQuery(terms)})`;
  const messages = recentOnly
    ? Prisma.sql`(SELECT "id", "conversationId", "role", "status", "createdAt", "searchVector" FROM "Message"
        ORDER BY "createdAt" DESC LIMIT ${RECENT_MESSAGES})`
    : Prisma.sql`"Message"`;
  // MATERIALIZED keeps the planner from walking all messages by date for a word it thinks common.
  return db().$queryRaw<MessageHit[]>`
    WITH hits AS MATERIALIZED (
      SELECT m."id" AS "messageId", m."conversationId", m."role", m."createdAt", c."title",
             c."workspaceId", c."ownerId", c."visibility"
      FROM ${messages} m JOIN "Conversation" c ON c."id" = m."conversationId"
      WHERE m."searchVector" @@ ${query} AND m."role" <> 'system' AND ${searchable} AND ${inScope(scope)}
    ), newest AS (
      SELECT * FROM hits ORDER BY "createdAt" DESC, "messageId" DESC LIMIT ${limit}
    )
    SELECT newest.*, ts_headline('english', m."content", ${query},
             CASE WHEN length(m."content") <= ${WHOLE_CHARS} THEN ${WHOLE} ELSE ${FRAGMENT} END) AS "snippet"
    FROM newest JOIN "Message" m ON m."id" = newest."messageId"
    ORDER BY newest."createdAt" DESC, newest."messageId" DESC`;
}

/** Most recently active conversations first. */
export async function searchTitles(
  scope: ReadableConversations,
  terms: SearchTerms,
  limit: number,
): Promise<TitleHit[]> {
  const rows = isPostgresUrl(databaseUrl())
    ? await db().$queryRaw<TitleHit[]>`
        WITH hits AS MATERIALIZED (
          SELECT c."id" AS "conversationId", c."title", c."updatedAt", c."workspaceId", c."ownerId", c."visibility"
          FROM "Conversation" c
          WHERE c."titleSearchVector" @@ to_tsquery('english', ${tsQuery(terms)}) AND ${inScope(scope)}
        )
        SELECT "conversationId", "updatedAt", "workspaceId", "ownerId", "visibility",
               ts_headline('english', "title", to_tsquery('english', ${tsQuery(terms)}), ${WHOLE}) AS "title"
        FROM hits ORDER BY "updatedAt" DESC, "conversationId" DESC
        LIMIT ${limit}`
    : // The page is chosen first, so that highlight() runs for its few titles, not every match.
      await db().$queryRaw<TitleHit[]>`
        SELECT o."id" AS "conversationId", o."updatedAt", o."workspaceId", o."ownerId", o."visibility",
               highlight("ConversationSearch", 0, ${MATCH_START}, ${MATCH_END}) AS "title"
        FROM "ConversationSearch" JOIN "Conversation" o ON o.rowid = "ConversationSearch".rowid
        WHERE "ConversationSearch" MATCH ${ftsQuery(terms)} AND o.rowid IN (
          SELECT c.rowid FROM "ConversationSearch" s JOIN "Conversation" c ON c.rowid = s.rowid
          WHERE s."ConversationSearch" MATCH ${ftsQuery(terms)} AND ${inScope(scope)}
          ORDER BY c."updatedAt" DESC, c."id" DESC
          LIMIT ${limit}
        )
        ORDER BY o."updatedAt" DESC, o."id" DESC`;
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}
