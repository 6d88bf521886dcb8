import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { type ConversationSettings, setActiveLeaf, updateConversationSettings } from "@/lib/db/conversation-settings";
import { findMemberLimits } from "@/lib/db/workspaces";
import { AppError, notFound } from "@/lib/errors";
import { resolveModel } from "@/lib/providers/registry";
import { planOf } from "@/lib/usage/plans";
import { writableConversation } from "./conversations";
import { resolveMaxTokens } from "./limits";
import { firstIssue, MaxTokens, ModelName, SystemPrompt, Temperature } from "./validation";

/**
 * A conversation's own settings: its model (one of the configured ones), system prompt,
 * temperature and answer length. null = the defaults (the provider's temperature, the plan's
 * max tokens). The pipeline reads them on every turn.
 */
export const ChatSettingsInput = z.object({
  model: ModelName,
  systemPrompt: SystemPrompt.transform((text) => text.trim() || null),
  temperature: Temperature.nullable(),
  maxTokens: MaxTokens.nullable(),
});

const RecordId = z.string().min(1).max(64);

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_request", firstIssue(parsed.error));
  return parsed.data;
}

export async function saveChatSettings(
  actor: Actor,
  conversationId: unknown,
  raw: unknown,
): Promise<ConversationSettings> {
  const settings = parse(ChatSettingsInput, raw);
  const conversation = await writableConversation(actor, parse(RecordId, conversationId));
  resolveModel(settings.model);
  const limits = await findMemberLimits(actor.workspaceId, actor.userId);
  if (!limits) throw new AppError("forbidden", "Insufficient permissions");
  if (settings.maxTokens !== null) resolveMaxTokens(planOf(limits.plan), settings.maxTokens);
  await updateConversationSettings(conversation, settings);
  return settings;
}

/** Remembers which branch the owner is looking at, so a reload shows the same one. */
export async function showBranch(actor: Actor, conversationId: unknown, leafId: unknown): Promise<void> {
  const conversation = await writableConversation(actor, parse(RecordId, conversationId));
  if (!(await setActiveLeaf(conversation.id, parse(RecordId, leafId)))) throw notFound("Message not found");
}
