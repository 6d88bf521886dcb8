import { NewChat } from "@/components/chat/new-chat";
import { NewChatSharing } from "@/components/share/new-chat-sharing";
import { requirePageActor } from "@/lib/auth/session";
import { chatViewOptions } from "@/lib/chat/chat-view";

export default async function NewChatPage() {
  const actor = await requirePageActor();
  return <NewChat {...(await chatViewOptions(actor, null))} headerExtra={<NewChatSharing />} />;
}
