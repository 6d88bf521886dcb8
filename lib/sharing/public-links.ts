import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canRevokePublicLink, canShareConversation } from "@/lib/auth/policy";
import { hashLinkToken, isLinkTokenShape, newLinkToken } from "@/lib/auth/tokens";
import { MessageParts, textParts } from "@/lib/chat/parts";
import { findConversation, listMessages, type MessageRecord } from "@/lib/db/conversations";
import { MESSAGE_ROLES } from "@/lib/db/enums";
import { findFiles } from "@/lib/db/files";
import { storedFileIds } from "@/lib/db/message-parts";
import { findLiveSnapshot, insertShareLink, revokeShareLinks } from "@/lib/db/shares";
import { notFound } from "@/lib/errors";
import { membershipOf } from "@/lib/teams/access";
import { ConversationIdSchema } from "./input";
import { sharedBranch } from "./shown";

/**
 * Public links: a read-only snapshot of a conversation at `/share/<token>`, readable without
 * signing in. The snapshot is taken when the link is made and holds only the title and the
 * messages' roles, parts and times: no emails, no names, no internal ids. Updating it issues a
 * new link (the old one stops working); revoking it makes the link answer 404.
 */

const SnapshotMessage = z
  .object({
    role: z.enum(MESSAGE_ROLES),
    content: z.string(),
    /** Absent in snapshots published before parts existed: their content is their one text part. */
    parts: MessageParts.optional(),
    createdAt: z.string(),
  })
  .strict()
  .transform(({ parts, ...m }) => ({ ...m, parts: parts ?? textParts(m.content) }));

const SnapshotSchema = z.object({ title: z.string(), messages: z.array(SnapshotMessage) });

export type Snapshot = z.output<typeof SnapshotSchema>;

/** What a reader of the link sees: the branch shown when it was published, without system prompts. */
function snapshotOf(title: string, branch: MessageRecord[], files: ReadonlySet<string>): Snapshot {
  return {
    title,
    messages: branch
      .filter((m) => m.role !== "system")
      .map((m) => ({
        role: m.role,
        content: m.content,
        // Stored files are readable through the link (ShareLinkFile rows) while they exist; an
        // API caller's image URL is not shown: a remote one would have the reader's browser
        // fetch from a third party.
        parts: m.parts.filter((part) => part.type !== "file" || (part.fileId && files.has(part.fileId))),
        createdAt: m.createdAt.toISOString(),
      })),
  };
}

export interface PublishedLink {
  /** The full link: shown to its owner now; only its hash is stored. */
  url: string;
  createdAt: string;
}

/** Publishes (or re-publishes) a snapshot: a new link; the conversation's earlier link is revoked. */
export async function publishSnapshot(actor: Actor, conversationId: unknown, origin: string): Promise<PublishedLink> {
  const id = parseInput(ConversationIdSchema, conversationId);
  const conversation = await findConversation(id);
  if (!conversation || !canShareConversation(actor, conversation)) throw notFound("Conversation not found");
  const { token, hash } = newLinkToken();
  const branch = sharedBranch(conversation, await listMessages(id));
  const stored = await findFiles(branch.flatMap((m) => storedFileIds(m.parts)));
  const snapshot = snapshotOf(conversation.title, branch, new Set(stored.map((f) => f.id)));
  const { createdAt } = await insertShareLink({
    conversationId: id,
    tokenHash: hash,
    snapshot: JSON.stringify(snapshot),
    createdById: actor.userId,
    fileIds: snapshot.messages.flatMap((m) => storedFileIds(m.parts)),
  });
  return { url: `${origin}/share/${token}`, createdAt: createdAt.toISOString() };
}

export async function revokePublicLink(actor: Actor, conversationId: unknown): Promise<void> {
  const id = parseInput(ConversationIdSchema, conversationId);
  const conversation = await findConversation(id);
  const m = conversation ? await membershipOf(actor) : null;
  if (!conversation || !canRevokePublicLink(actor, conversation, m)) throw notFound("Conversation not found");
  if (!(await revokeShareLinks(id))) throw notFound("This conversation has no public link");
}

/** The snapshot behind a public link, for anyone holding it; null once revoked (or never). */
export async function readPublicSnapshot(token: unknown): Promise<(Snapshot & { publishedAt: string }) | null> {
  if (!isLinkTokenShape(token)) return null;
  const link = await findLiveSnapshot(hashLinkToken(token));
  if (!link) return null;
  const parsed = SnapshotSchema.safeParse(JSON.parse(link.snapshot));
  if (!parsed.success) return null;
  return { ...parsed.data, publishedAt: link.createdAt.toISOString() };
}

/**
 * Messages a snapshot's page shows: a long conversation's link opens on its newest ones, and the
 * reader pages back, so neither the page's weight nor the server's work grows with the conversation
 * (anyone holding the link can ask for it, as often as they like).
 */
export const SNAPSHOT_PAGE_SIZE = 50;

/** `?before=` of a snapshot's page: the position after its last message (absent: the newest). */
export const SnapshotPageQuery = z.coerce.number().int().min(1).optional().catch(undefined);

export interface SnapshotPage {
  messages: Snapshot["messages"];
  /** The position of the page's first message in the snapshot. */
  start: number;
  /** `?before=` of the page before this one, and of the one after it (null: none). */
  earlier: number | null;
  later: number | null | "newest";
  total: number;
}

/** The page of `snapshot` that ends before position `before` (past the end: the newest page). */
export function snapshotPage(snapshot: Snapshot, before: number | undefined, size = SNAPSHOT_PAGE_SIZE): SnapshotPage {
  const total = snapshot.messages.length;
  const end = Math.min(before ?? total, total);
  const start = Math.max(0, end - size);
  const laterEnd = Math.min(end + size, total);
  return {
    messages: snapshot.messages.slice(start, end),
    start,
    earlier: start > 0 ? start : null,
    later: end >= total ? null : laterEnd >= total ? "newest" : laterEnd,
    total,
  };
}
