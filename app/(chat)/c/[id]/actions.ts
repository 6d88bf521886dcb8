"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestOrigin } from "@/components/docs/origin";
import { requireActor } from "@/lib/auth/session";
import { type ActionResult, actionResult } from "@/lib/http/action-result";
import { forkConversation } from "@/lib/sharing/fork";
import { type PublishedLink, publishSnapshot, revokePublicLink } from "@/lib/sharing/public-links";
import { setConversationVisibility } from "@/lib/sharing/visibility";

/**
 * Sharing a conversation, and continuing a colleague's in your own copy. The share panel keeps
 * what it changed itself: revalidating here would re-render the page under the open panel (and,
 * for a chat just started at "/", swap the page out from under it).
 */

export async function setVisibilityAction(conversationId: string, visibility: string): Promise<ActionResult> {
  return actionResult(async () => {
    await setConversationVisibility(await requireActor(), { conversationId, visibility });
    return {};
  }, "Could not change who can see this conversation");
}

/** Copies the conversation up to `messageId` into a new private one, and opens it. */
export async function forkConversationAction(conversationId: string, messageId?: string): Promise<ActionResult> {
  const result = await actionResult(
    async () => forkConversation(await requireActor(), { conversationId, messageId }),
    "Could not copy the conversation",
  );
  if (!result.ok) return result;
  redirect(`/c/${result.id}`);
}

/** Publishes a snapshot at a new public link (the previous link, if any, stops working). */
export async function publishSnapshotAction(conversationId: string): Promise<ActionResult<PublishedLink>> {
  return actionResult(async () => {
    return publishSnapshot(await requireActor(), conversationId, requestOrigin(await headers()));
  }, "Could not publish the link");
}

export async function revokePublicLinkAction(conversationId: string): Promise<ActionResult> {
  return actionResult(async () => {
    await revokePublicLink(await requireActor(), conversationId);
    return {};
  }, "Could not revoke the link");
}
