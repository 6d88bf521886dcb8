import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { canWriteConversation } from "@/lib/auth/policy";
import {
  countPinned,
  findDeleted,
  markDeleted,
  purgeDeleted,
  setPinnedAt,
  setTitle,
  unmarkDeleted,
} from "@/lib/db/conversation-changes";
import { type ConversationListItem, findConversation } from "@/lib/db/conversations";
import { AppError, notFound } from "@/lib/errors";
import { UNDO_WINDOW_MS } from "./undo";

/**
 * The owner's housekeeping on a conversation: rename, pin, delete with Undo. Each checks the
 * policy; anything not the actor's to change is a 404, like anything that does not exist.
 */

export const MAX_TITLE_CHARS = 200;
/** Pins sit above the paginated list and load with its first page, so there are few. */
export const MAX_PINNED = 20;
/** An Undo clicked at the last moment may take this long to arrive. */
const UNDO_GRACE_MS = 4_000;
/**
 * A conversation is purged only when no message has been saved into it for this long: an answer
 * still being generated (on any server instance) saves its message and usage row at its end,
 * and that must not find the conversation gone.
 */
const QUIET_MS = 15 * 60_000;

export const ConversationTitle = z
  .string({ error: "The title must be text" })
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "The title cannot be empty")
      .max(MAX_TITLE_CHARS, `The title can be at most ${MAX_TITLE_CHARS} characters`),
  );

async function writable(actor: Actor, id: string) {
  const conversation = await findConversation(id);
  if (!conversation || !canWriteConversation(actor, conversation)) throw notFound("Conversation not found");
  return conversation;
}

export async function renameConversation(actor: Actor, id: string, title: unknown): Promise<{ title: string }> {
  const parsed = ConversationTitle.safeParse(title);
  if (!parsed.success) throw new AppError("invalid_request", parsed.error.issues[0]?.message ?? "Invalid title");
  await writable(actor, id);
  if (!(await setTitle(id, parsed.data))) throw notFound("Conversation not found");
  return { title: parsed.data };
}

export async function pinConversation(actor: Actor, id: string, pinned: boolean): Promise<{ pinnedAt: Date | null }> {
  const conversation = await writable(actor, id);
  if (pinned && (await countPinned(actor.userId, conversation.workspaceId)) >= MAX_PINNED) {
    throw new AppError("conflict", `You can pin up to ${MAX_PINNED} chats. Unpin one first.`);
  }
  const pinnedAt = pinned ? new Date() : null;
  if (!(await setPinnedAt(id, pinnedAt))) throw notFound("Conversation not found");
  return { pinnedAt };
}

/**
 * Hides the conversation everywhere at once (every read goes through findConversation or filters
 * deletedAt) and purges it once the undo window has passed.
 */
export async function deleteConversation(actor: Actor, id: string): Promise<void> {
  const conversation = await writable(actor, id);
  const now = new Date();
  if (!(await markDeleted(id, now))) throw notFound("Conversation not found");
  const quietAt = conversation.updatedAt.getTime() + QUIET_MS;
  schedulePurge(Math.max(UNDO_WINDOW_MS + UNDO_GRACE_MS, quietAt - now.getTime()));
  // Lazily, too: a timer does not survive a restart.
  await purgeExpiredConversations(now).catch((error: unknown) => console.error("purge failed", error));
}

/** Undo: brings back a deleted conversation that has not been purged yet. */
export async function restoreConversation(actor: Actor, id: string): Promise<ConversationListItem> {
  const deleted = await findDeleted(id);
  if (!deleted || !canWriteConversation(actor, deleted)) {
    throw notFound("This chat can no longer be restored");
  }
  if (!(await unmarkDeleted(id))) throw notFound("This chat can no longer be restored");
  return { id: deleted.id, title: deleted.title, updatedAt: deleted.updatedAt, pinnedAt: deleted.pinnedAt };
}

/** What a select-and-delete may take at once (the sidebar's loaded pages hold more). */
export const MAX_BULK = 200;

const BulkIds = z
  .array(z.string().min(1).max(64), { error: "Choose the chats to delete" })
  .min(1, "Choose the chats to delete")
  .max(MAX_BULK, `Choose at most ${MAX_BULK} chats at once`);

/**
 * The sidebar's select mode: each conversation goes through deleteConversation (and its policy
 * check); the ones the actor may not change, or that are gone already, are left out of the answer.
 */
export async function deleteConversations(actor: Actor, ids: unknown): Promise<{ deleted: string[] }> {
  const parsed = BulkIds.safeParse(ids);
  if (!parsed.success) throw new AppError("invalid_request", parsed.error.issues[0]?.message ?? "Invalid chats");
  const deleted: string[] = [];
  for (const id of new Set(parsed.data)) {
    const done = await deleteConversation(actor, id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.code === "not_found") return false;
        throw error;
      },
    );
    if (done) deleted.push(id);
  }
  return { deleted };
}

/** Undo of a select-and-delete: restores those still restorable. */
export async function restoreConversations(actor: Actor, ids: unknown): Promise<{ restored: ConversationListItem[] }> {
  const parsed = BulkIds.safeParse(ids);
  if (!parsed.success) throw new AppError("invalid_request", parsed.error.issues[0]?.message ?? "Invalid chats");
  const restored: ConversationListItem[] = [];
  for (const id of new Set(parsed.data)) {
    const item = await restoreConversation(actor, id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
    if (item) restored.push(item);
  }
  return { restored };
}

export async function purgeExpiredConversations(now = new Date()): Promise<number> {
  const deletedBefore = new Date(now.getTime() - UNDO_WINDOW_MS - UNDO_GRACE_MS);
  const quietSince = new Date(now.getTime() - QUIET_MS);
  return purgeDeleted(deletedBefore, quietSince);
}

function schedulePurge(delayMs: number): void {
  const timer = setTimeout(() => {
    purgeExpiredConversations().catch((error: unknown) => console.error("purge failed", error));
  }, delayMs + 500);
  timer.unref?.();
}
