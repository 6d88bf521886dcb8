import type { Actor } from "@/lib/auth/actor";
import { chatConfig } from "@/lib/config";
import type { ConversationSettings } from "@/lib/db/conversation-settings";
import type { ConversationRecord } from "@/lib/db/conversations";
import { findMemberLimits } from "@/lib/db/workspaces";
import { listModels, listProviders, usableModel } from "@/lib/providers/registry";
import type { Capability } from "@/lib/providers/types";
import { planOf } from "@/lib/usage/plans";
import { tokensLeftFor } from "@/lib/usage/quota";

/** A model as the header's switcher and the settings dialog offer it. */
export interface ModelChoice {
  id: string;
  label: string;
  /** The provider's label: the switcher groups by it. */
  provider: string;
  capabilities: Capability[];
}

/** What the chat view needs besides the messages: settings and what they may be set to. */
export interface ChatViewOptions {
  settings: ConversationSettings;
  /** The configured models: the only ones the model switcher offers. */
  models: ModelChoice[];
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
    models: modelChoices(),
    maxTokensLimit: planOf(limits?.plan ?? "").maxTokens,
    offlineDemo,
    quotaLeft,
  };
}

function modelChoices(): ModelChoice[] {
  const providers = new Map(listProviders().map((p) => [p.id, p.label]));
  return listModels().map((m) => ({
    id: m.id,
    label: m.label,
    provider: providers.get(m.provider) ?? m.provider,
    capabilities: m.capabilities,
  }));
}
