import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canShareConversation, canShareWithTeam } from "@/lib/auth/policy";
import { findConversation } from "@/lib/db/conversations";
import { VISIBILITIES, type Visibility } from "@/lib/db/enums";
import { setVisibility } from "@/lib/db/shares";
import { AppError, notFound } from "@/lib/errors";
import { membershipOf } from "@/lib/teams/access";
import { ConversationIdSchema } from "./input";

const VisibilityInputSchema = z.object({
  conversationId: ConversationIdSchema,
  visibility: z.enum(VISIBILITIES, { error: "Choose private or team" }),
});

/**
 * Private (its owner only) or team (every member of its workspace can read it, and it shows in
 * their "Shared with the team" list). Only the owner decides.
 */
export async function setConversationVisibility(
  actor: Actor,
  input: { conversationId: unknown; visibility: unknown },
): Promise<{ visibility: Visibility }> {
  const { conversationId, visibility } = parseInput(VisibilityInputSchema, input);
  const conversation = await findConversation(conversationId);
  if (!conversation || !canShareConversation(actor, conversation)) throw notFound("Conversation not found");
  if (visibility === "TEAM") {
    const m = await membershipOf(actor);
    if (!canShareWithTeam(actor, conversation, m?.kind ?? "PERSONAL")) {
      throw new AppError("invalid_request", "Only conversations in a team workspace can be shared with the team");
    }
  }
  if (conversation.visibility !== visibility) await setVisibility(conversation, visibility);
  return { visibility };
}
