import { NewChat } from "@/components/chat/new-chat";
import { requirePageActor } from "@/lib/auth/session";
import { chatConfig } from "@/lib/config";
import { tokensLeftFor } from "@/lib/usage/quota";

export default async function NewChatPage() {
  const actor = await requirePageActor();
  const { defaultModel, offlineDemo } = chatConfig();
  const quotaLeft = await tokensLeftFor(actor.workspaceId, actor.userId);
  return <NewChat model={defaultModel} offlineDemo={offlineDemo} quotaLeft={quotaLeft} />;
}
