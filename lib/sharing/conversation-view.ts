import type { Actor } from "@/lib/auth/actor";
import { canReadConversation, canShareConversation, canShareWithTeam, canWriteConversation } from "@/lib/auth/policy";
import { type MessageWindow, messageWindow } from "@/lib/chat/message-window";
import type { ConversationRecord } from "@/lib/db/conversations";
import type { Visibility } from "@/lib/db/enums";
import { findLiveShareLink, findSharingFacts } from "@/lib/db/shares";
import { notFound } from "@/lib/errors";
import { membershipOf } from "@/lib/teams/access";

/** The owner's share panel. */
export interface SharingState {
  visibility: Visibility;
  /** Team visibility is offered in team workspaces only. */
  teamName: string | null;
  publicLink: { createdAt: string } | null;
}

export interface ConversationView {
  conversation: ConversationRecord;
  /**
   * The newest messages (lib/chat/message-window.ts): for the owner, of the branch shown with
   * their versions; for colleagues, of the branch shown only, which is what they read.
   */
  window: MessageWindow;
  /** The owner writes; colleagues read (and may continue in their own copy). */
  access: "owner" | "reader";
  /** For readers: whose conversation this is and since when it is shared. */
  sharedBy: { name: string; sharedAt: string | null } | null;
  /** For forks: the source's title, and its id while the actor may still open it. */
  forkedFrom: { id: string | null; title: string } | null;
  sharing: SharingState | null;
}

/** Everything the conversation page shows, decided for this actor; 404 when they may not read it. */
export async function conversationView(actor: Actor, id: string): Promise<ConversationView> {
  const { conversation, ...window } = await messageWindow(actor, id);
  const facts = await findSharingFacts(conversation.id);
  if (!facts) throw notFound("Conversation not found");
  const source = facts.forkedFrom;
  const forkedFrom = source ? { id: canReadConversation(actor, source) ? source.id : null, title: source.title } : null;
  if (!canWriteConversation(actor, conversation)) {
    const sharedBy = { name: facts.ownerName, sharedAt: facts.sharedAt?.toISOString() ?? null };
    return { conversation, window, access: "reader", sharedBy, forkedFrom, sharing: null };
  }
  return {
    conversation,
    window,
    access: "owner",
    sharedBy: null,
    forkedFrom,
    sharing: await sharingState(actor, conversation),
  };
}

async function sharingState(actor: Actor, conversation: ConversationRecord): Promise<SharingState | null> {
  if (!canShareConversation(actor, conversation)) return null;
  const [m, link] = await Promise.all([membershipOf(actor), findLiveShareLink(conversation.id)]);
  return {
    visibility: conversation.visibility as Visibility,
    teamName: m && canShareWithTeam(actor, conversation, m.kind) ? m.name : null,
    publicLink: link ? { createdAt: link.createdAt.toISOString() } : null,
  };
}
