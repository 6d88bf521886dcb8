"use server";

import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import {
  deleteConversation,
  deleteConversations,
  pinConversation,
  renameConversation,
  restoreConversation,
  restoreConversations,
} from "@/lib/conversations/manage";
import { type SidebarItem, toSidebarItem } from "@/lib/conversations/sidebar";
import { AppError, toAppError } from "@/lib/errors";

/**
 * The sidebar's conversation actions. Each resolves the signed-in actor and goes through
 * lib/conversations/manage.ts, which asks the policy: ids from the browser name nothing the actor
 * may not change (anything else is "not found").
 */

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: string };

const ConversationId = z.string().min(1).max(64);

async function run<T>(fallback: string, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    return { ok: false, error: toAppError(error, fallback).message };
  }
}

function idOf(value: unknown): string {
  const id = ConversationId.safeParse(value);
  if (!id.success) throw new AppError("not_found", "Conversation not found");
  return id.data;
}

export async function renameConversationAction(id: unknown, title: unknown): Promise<ActionResult<{ title: string }>> {
  return run("Could not rename the chat", async () => renameConversation(await requireActor(), idOf(id), title));
}

export async function pinConversationAction(
  id: unknown,
  pinned: unknown,
): Promise<ActionResult<{ pinnedAt: string | null }>> {
  return run("Could not pin the chat", async () => {
    const wanted = z.boolean().safeParse(pinned);
    if (!wanted.success) throw new AppError("invalid_request", "pinned must be true or false");
    const { pinnedAt } = await pinConversation(await requireActor(), idOf(id), wanted.data);
    return { pinnedAt: pinnedAt?.toISOString() ?? null };
  });
}

export async function deleteConversationAction(id: unknown): Promise<ActionResult<object>> {
  return run("Could not delete the chat", async () => {
    await deleteConversation(await requireActor(), idOf(id));
    return {};
  });
}

export async function restoreConversationAction(id: unknown): Promise<ActionResult<{ conversation: SidebarItem }>> {
  return run("Could not restore the chat", async () => ({
    conversation: toSidebarItem(await restoreConversation(await requireActor(), idOf(id))),
  }));
}

/** The sidebar's select mode: the ids actually deleted (others were not the actor's, or gone). */
export async function deleteConversationsAction(ids: unknown): Promise<ActionResult<{ deleted: string[] }>> {
  return run("Could not delete the chats", async () => deleteConversations(await requireActor(), ids));
}

export async function restoreConversationsAction(
  ids: unknown,
): Promise<ActionResult<{ conversations: SidebarItem[] }>> {
  return run("Could not restore the chats", async () => ({
    conversations: (await restoreConversations(await requireActor(), ids)).restored.map(toSidebarItem),
  }));
}
