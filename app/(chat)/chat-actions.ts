"use server";

import { requireActor } from "@/lib/auth/session";
import { saveChatSettings, showBranch } from "@/lib/chat/settings";
import type { ConversationSettings } from "@/lib/db/conversation-settings";
import { type ActionResult, actionResult } from "@/lib/http/action-result";

/** The chat view's small mutations: a conversation's settings, and the branch it shows. */

export async function saveChatSettingsAction(
  conversationId: string,
  settings: unknown,
): Promise<ActionResult<{ settings: ConversationSettings }>> {
  return actionResult(
    async () => ({ settings: await saveChatSettings(await requireActor(), conversationId, settings) }),
    "Could not save the settings",
  );
}

export async function showBranchAction(conversationId: string, leafId: string): Promise<ActionResult> {
  return actionResult(async () => {
    await showBranch(await requireActor(), conversationId, leafId);
    return {};
  }, "Could not remember the version shown");
}
