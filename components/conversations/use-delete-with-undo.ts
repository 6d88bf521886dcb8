"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { deleteConversationAction, restoreConversationAction } from "@/app/(chat)/conversations/actions";
import { useShell } from "@/components/chat/shell-context";
import type { SidebarConversation } from "@/components/chat/types";
import type { ToastMessage } from "./toast";

/**
 * Delete goes at once (from this tab's list and the others'), with Undo on offer for the undo
 * window; Undo puts it back, and reopens it if it was open. The server keeps the conversation
 * until the window has passed (lib/conversations/manage.ts).
 */
export function useDeleteWithUndo() {
  const { putConversation, removeConversation } = useShell();
  const router = useRouter();
  const pathname = usePathname();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [deleted, setDeleted] = useState<{ conversation: SidebarConversation; wasOpen: boolean } | null>(null);
  // An Undo clicked while the delete is still on its way waits for it.
  const inFlight = useRef(new Map<string, Promise<unknown>>());

  const showError = useCallback((message: string) => setToast({ kind: "error", message }), []);
  const closeToast = useCallback(() => setToast(null), []);

  const remove = useCallback(
    async (conversation: SidebarConversation) => {
      const wasOpen = pathname === `/c/${conversation.id}`;
      removeConversation(conversation.id);
      setDeleted({ conversation, wasOpen });
      setToast({ kind: "deleted", id: conversation.id, title: conversation.title });
      if (wasOpen) router.push("/");
      const request = deleteConversationAction(conversation.id);
      inFlight.current.set(conversation.id, request);
      const result = await request.finally(() => inFlight.current.delete(conversation.id));
      if (!result.ok) {
        putConversation(conversation);
        showError(result.error);
      }
    },
    [pathname, router, putConversation, removeConversation, showError],
  );

  const undo = useCallback(
    async (id: string) => {
      setToast(null);
      await inFlight.current.get(id);
      const result = await restoreConversationAction(id);
      if (!result.ok) return showError(result.error);
      putConversation(result.conversation);
      if (deleted?.conversation.id === id && deleted.wasOpen) router.push(`/c/${id}`);
    },
    [deleted, router, putConversation, showError],
  );

  return { toast, closeToast, showError, remove, undo };
}
