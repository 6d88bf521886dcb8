import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Chat } from "@/components/chat/chat";
import type { ChatMessage } from "@/components/chat/types";
import { requirePageActor } from "@/lib/auth/session";
import { readableConversation } from "@/lib/chat/conversations";
import { chatConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { tokensLeftFor } from "@/lib/usage/quota";

type Params = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page. */
const load = cache(async (id: string) => {
  const actor = await requirePageActor();
  try {
    return await readableConversation(actor, id);
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
  const { conversation, messages } = await load(id);
  const actor = await requirePageActor();
  const { defaultModel, offlineDemo } = chatConfig();
  const quotaLeft = await tokensLeftFor(actor.workspaceId, actor.userId);
  const initialMessages: ChatMessage[] = messages.map((m) => ({
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    error: m.error,
  }));
  return (
    <Chat
      key={conversation.id}
      conversationId={conversation.id}
      initialMessages={initialMessages}
      model={defaultModel}
      offlineDemo={offlineDemo}
      quotaLeft={quotaLeft}
    />
  );
}
