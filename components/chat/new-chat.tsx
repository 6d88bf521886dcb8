"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Chat, type ChatProps } from "./chat";

/**
 * The chat at "/". Once its first answer starts, the URL becomes /c/<id> while this same page
 * stays mounted; coming back to "/" (New chat, Back) must start over, so the chat is keyed by
 * each arrival at "/".
 */
export function NewChat(props: Omit<ChatProps, "conversationId" | "initialMessages" | "initialLeafId" | "liveAnswer">) {
  const router = useRouter();
  const pathname = usePathname();
  const [session, setSession] = useState(0);
  const [lastPath, setLastPath] = useState(pathname);
  // Mounted at /c/<id>: Back/Forward restored the history entry this page had renamed, with this
  // page's tree. Ask the server for the conversation's own page instead of showing an empty chat.
  const [restored] = useState(() => pathname !== "/");

  if (pathname !== lastPath) {
    setLastPath(pathname);
    if (pathname === "/") setSession((n) => n + 1);
  }

  useEffect(() => {
    if (restored) router.refresh();
  }, [restored, router]);

  if (restored && pathname !== "/") return <div className="h-full" aria-busy="true" />;
  return <Chat key={session} {...props} />;
}
