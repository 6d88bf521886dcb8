import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Chat } from "@/components/chat/chat";
import { chatMessagesOf, partsBeyondText } from "@/components/chat/messages";
import type { ChatMessage } from "@/components/chat/types";
import { ForkedFrom } from "@/components/share/forked-from";
import { ReadOnlyConversation } from "@/components/share/read-only-conversation";
import { SharePanel } from "@/components/share/share-panel";
import { requirePageActor } from "@/lib/auth/session";
import { chatViewOptions } from "@/lib/chat/chat-view";
import { answerUnderWay } from "@/lib/chat/runs/follow";
import { markRead } from "@/lib/chat/runs/signals";
import { chatConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { conversationView } from "@/lib/sharing/conversation-view";

type Params = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page. */
const load = cache(async (id: string) => {
  const actor = await requirePageActor();
  try {
    return await conversationView(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { conversation } = await load(id);
  return { title: conversation.title || "Chat" };
}

export default async function ConversationPage({ params }: Params) {
  const { id } = await params;
  const { conversation, window, access, sharedBy, forkedFrom, sharing } = await load(id);
  const actor = await requirePageActor();
  const toChat = (m: (typeof window.messages)[number]): ChatMessage => ({
    id: m.id,
    role: m.role,
    content: m.content,
    parts: partsBeyondText(m),
    status: m.status,
    error: m.error,
  });
  if (access === "reader" && sharedBy) {
    return (
      <ReadOnlyConversation
        key={conversation.id}
        conversationId={conversation.id}
        title={conversation.title}
        messages={window.messages.map(toChat)}
        hasOlder={window.hasOlder}
        sharedBy={sharedBy}
        forkedFrom={forkedFrom}
        renderedAt={Date.now()}
      />
    );
  }
  // An answer still being generated (the page was reloaded mid-answer) is followed live. This page
  // is its reader from now: the reconnect grace runs from here, not from when the page's script
  // has loaded and asks for the answer, which takes seconds on a busy machine or a slow phone.
  const [options, live] = await Promise.all([chatViewOptions(actor, conversation), answerUnderWay(conversation.id)]);
  if (live) markRead(live.id, chatConfig().reconnectGraceMs);
  return (
    <Chat
      key={conversation.id}
      conversationId={conversation.id}
      initialMessages={chatMessagesOf(window.messages)}
      initialLeafId={window.leafId}
      hasOlder={window.hasOlder}
      unloadedTokens={window.unloadedTokens}
      liveAnswer={live ? { parentId: live.parentId } : null}
      {...options}
      headerExtra={
        <>
          {forkedFrom && <ForkedFrom source={forkedFrom} />}
          {sharing && (
            <SharePanel
              conversationId={conversation.id}
              visibility={sharing.visibility}
              teamName={sharing.teamName}
              publicLink={sharing.publicLink}
            />
          )}
        </>
      }
    />
  );
}
