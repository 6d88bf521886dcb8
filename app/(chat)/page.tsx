import { NewChat } from "@/components/chat/new-chat";
import { chatConfig } from "@/lib/config";

export default function NewChatPage() {
  const { defaultModel, offlineDemo } = chatConfig();
  return <NewChat model={defaultModel} offlineDemo={offlineDemo} />;
}
