import type { Actor } from "@/lib/auth/actor";
import { chatConfig } from "@/lib/config";
import type { ConversationSettings } from "@/lib/db/conversation-settings";
import type { ConversationRecord } from "@/lib/db/conversations";
import { findMemberLimits } from "@/lib/db/workspaces";
import { listModels, usableModel } from "@/lib/providers/registry";
import { planOf } from "@/lib/usage/plans";
import { tokensLeftFor } from "@/lib/usage/quota";

/** What the chat view needs besides the messages: settings and what they may be set to. */
export interface ChatViewOptions {
  settings: ConversationSettings;
  /** The configured models: the only ones the model switcher offers. */
  models: string[];
  /** The plan's answer-length limit. */
  maxTokensLimit: number;
  offlineDemo: boolean;
  quotaLeft: number;
}

/** For a conversation, or a new chat (its settings start as the defaults). */
export async function chatViewOptions(actor: Actor, conversation: ConversationRecord | null): Promise<ChatViewOptions> {
  const { offlineDemo } = chatConfig();
  const [limits, quotaLeft] = await Promise.all([
    findMemberLimits(actor.workspaceId, actor.userId),
    tokensLeftFor(actor.workspaceId, actor.userId),
  ]);
  return {
    settings: {
      model: usableModel(conversation?.model).id,
      systemPrompt: conversation?.systemPrompt ?? null,
      temperature: conversation?.temperature ?? null,
      maxTokens: conversation?.maxTokens ?? null,
    },
    models: listModels().map((m) => m.id),
    maxTokensLimit: planOf(limits?.plan ?? "").maxTokens,
    offlineDemo,
    quotaLeft,
  };
}
