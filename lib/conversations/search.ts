import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { canReadConversation, readableConversations } from "@/lib/auth/policy";
import { MATCH_END, MATCH_START, type SearchTerms, searchMessages, searchTitles } from "@/lib/db/search";

/**
 * Search across everything the actor can read (lib/auth/policy.ts): conversation titles and
 * message contents, with the matches marked for highlighting and each message hit pointing at
 * the message itself (the chat page scrolls to `#m-<messageId>`).
 */

export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 8;
const MAX_TERM_CHARS = 64;
const CHAT_HITS = 6;
const MESSAGE_HITS = 20;
const MIN_PREFIX = 3;

export const SearchQuery = z
  .string({ error: "Type something to search for" })
  .trim()
  .min(1, "Type something to search for")
  .max(MAX_QUERY_CHARS, `Search for at most ${MAX_QUERY_CHARS} characters`);

/** Text with its matched parts flagged, for <mark>. */
export type Highlighted = { text: string; match: boolean }[];

export interface ChatResult {
  conversationId: string;
  title: Highlighted;
  updatedAt: string;
}

export interface MessageResult {
  conversationId: string;
  messageId: string;
  conversationTitle: string;
  role: string;
  createdAt: string;
  snippet: Highlighted;
}

export interface SearchResults {
  query: string;
  chats: ChatResult[];
  messages: MessageResult[];
}

/**
 * The words to look for: runs of letters and digits (any script), lowercased. Everything else,
 * including every operator of FTS5 and tsquery syntax, only separates words.
 */
export function searchTerms(query: string): string[] {
  const words =
    query
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS).map((word) => word.slice(0, MAX_TERM_CHARS));
}

/** Splits a marked string (MATCH_START … MATCH_END) into highlighted parts. */
export function highlightedParts(marked: string): Highlighted {
  const parts: Highlighted = [];
  let match = false;
  for (const piece of marked.split(new RegExp(`([${MATCH_START}${MATCH_END}])`))) {
    if (piece === MATCH_START) match = true;
    else if (piece === MATCH_END) match = false;
    else if (piece) {
      const last = parts.at(-1);
      if (last && last.match === match) last.text += piece;
      else parts.push({ text: piece, match });
    }
  }
  return parts;
}

/** Words kept before the first match: a snippet shows two lines, and the match must be in them. */
const CONTEXT_WORDS = 6;

/** One line (whitespace collapsed), starting a few words before the first match. */
export function snippetLine(parts: Highlighted): Highlighted {
  const line = parts.map((p) => ({ ...p, text: p.text.replace(/\s+/g, " ") }));
  const lead = line[0];
  if (!lead || lead.match) return line;
  const words = lead.text.trimStart().split(" ");
  if (words.length <= CONTEXT_WORDS + 1) return line;
  return [{ text: `…${words.slice(-CONTEXT_WORDS - 1).join(" ")}`, match: false }, ...line.slice(1)];
}

/**
 * Whole words first (stemmed: "deploy" finds "deploying"); only when they match nothing does the
 * last word also match as the start of longer ones: a word still being typed. A prefix can stand
 * for thousands of words whose matches all have to be merged, a whole word is one index entry, so
 * a complete word never pays for the prefix. Prefixes shorter than MIN_PREFIX are not expanded.
 */
async function widening<T>(terms: string[], run: (q: SearchTerms) => Promise<T[]>): Promise<T[]> {
  const exact = await run({ terms, prefix: false });
  if (exact.length > 0 || (terms.at(-1)?.length ?? 0) < MIN_PREFIX) return exact;
  return run({ terms, prefix: true });
}

export async function searchConversations(actor: Actor, query: string): Promise<SearchResults> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { query, chats: [], messages: [] };
  const scope = readableConversations(actor);
  const [titles, messages] = await Promise.all([
    widening(terms, (q) => searchTitles(scope, q, CHAT_HITS)),
    widening(terms, (q) => searchMessages(scope, q, MESSAGE_HITS)),
  ]);
  // The SQL applies the same rule; asking the policy per row keeps it the one that decides.
  return {
    query,
    chats: titles
      .filter((hit) => canReadConversation(actor, hit))
      .map((hit) => ({
        conversationId: hit.conversationId,
        title: highlightedParts(hit.title),
        updatedAt: hit.updatedAt.toISOString(),
      })),
    messages: messages
      .filter((hit) => canReadConversation(actor, hit))
      .map((hit) => ({
        conversationId: hit.conversationId,
        messageId: hit.messageId,
        conversationTitle: hit.title,
        role: hit.role,
        createdAt: hit.createdAt.toISOString(),
        snippet: snippetLine(highlightedParts(hit.snippet)),
      })),
  };
}
