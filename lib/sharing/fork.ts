import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canForkConversation } from "@/lib/auth/policy";
import { findConversation, listMessages } from "@/lib/db/conversations";
import { insertFork } from "@/lib/db/shares";
import { notFound } from "@/lib/errors";
import { ConversationIdSchema } from "./input";
import { sharedBranch } from "./shown";

const ForkInputSchema = z.object({
  conversationId: ConversationIdSchema,
  /** Copy up to and including this message; absent = the whole conversation. */
  messageId: z.string().trim().min(1).max(64).optional(),
});

/**
 * "Continue in my own copy": copies the branch up to the chosen message (or the branch shown)
 * into a new private conversation of the reader, in the workspace they act in, linked to its source. The reader
 * can then continue it like any chat of theirs; the source is never touched.
 */
export async function forkConversation(
  actor: Actor,
  input: { conversationId: unknown; messageId?: unknown },
): Promise<{ id: string }> {
  const { conversationId, messageId } = parseInput(ForkInputSchema, input);
  const source = await findConversation(conversationId);
  if (!source || !canForkConversation(actor, source)) throw notFound("Conversation not found");
  const branch = sharedBranch(source, await listMessages(conversationId), messageId);
  const last = branch.at(-1);
  if (!last) throw notFound("Message not found");
  return insertFork({
    workspaceId: actor.workspaceId,
    ownerId: actor.userId,
    title: source.title,
    model: source.model,
    systemPrompt: source.systemPrompt,
    forkedFromId: source.id,
    forkedFromMessageId: last.id,
    messages: branch.map((m) => ({
      role: m.role,
      parts: m.parts,
      status: m.status,
      model: m.model,
      promptTokens: m.promptTokens,
      completionTokens: m.completionTokens,
      tokenSource: m.tokenSource,
    })),
  });
}
