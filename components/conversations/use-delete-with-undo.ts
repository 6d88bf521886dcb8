"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import {
  deleteConversationAction,
  deleteConversationsAction,
  restoreConversationAction,
  restoreConversationsAction,
} from "@/app/(chat)/conversations/actions";
import { useShell } from "@/components/chat/shell-context";
import type { SidebarConversation } from "@/components/chat/types";
import type { ToastMessage } from "./toast";

/**
 * Delete goes at once (from this tab's list and the others'), with Undo on offer for the undo
 * window; Undo puts it back, and reopens it if it was open. The server keeps the conversation
 * until the window has passed (lib/conversations/manage.ts). Several chats (select mode) go the
 * same way, with one Undo for all of them.
 */
export function useDeleteWithUndo() {
  const { putConversation, removeConversation } = useShell();
  const router = useRouter();
  const pathname = usePathname();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [reopen, setReopen] = useState<string | null>(null);
  // An Undo clicked while the delete is still on its way waits for it.
  const inFlight = useRef(new Map<string, Promise<unknown>>());

  const showError = useCallback((message: string) => setToast({ kind: "error", message }), []);
  const closeToast = useCallback(() => setToast(null), []);

  const removeAll = useCallback(
    async (conversations: SidebarConversation[]) => {
      if (conversations.length === 0) return;
      const ids = conversations.map((c) => c.id);
      const open = conversations.find((c) => pathname === `/c/${c.id}`)?.id ?? null;
      for (const id of ids) removeConversation(id);
      setReopen(open);
      setToast({ kind: "deleted", ids, title: conversations[0]?.title ?? "" });
      if (open) router.push("/");
      const request =
        ids.length === 1
          ? deleteConversationAction(ids[0]).then((r) => (r.ok ? { ok: true as const, deleted: ids } : r))
          : deleteConversationsAction(ids);
      for (const id of ids) inFlight.current.set(id, request);
      const result = await request.finally(() => {
        for (const id of ids) inFlight.current.delete(id);
      });
      const kept = result.ok ? conversations.filter((c) => !result.deleted.includes(c.id)) : conversations;
      for (const conversation of kept) putConversation(conversation);
      if (!result.ok) showError(result.error);
      else if (kept.length > 0) showError(`${kept.length} of the chats could not be deleted`);
    },
    [pathname, router, putConversation, removeConversation, showError],
  );

  const remove = useCallback((conversation: SidebarConversation) => removeAll([conversation]), [removeAll]);

  const undo = useCallback(
    async (ids: string[]) => {
      setToast(null);
      await Promise.all(ids.map((id) => inFlight.current.get(id)));
      const result =
        ids.length === 1
          ? await restoreConversationAction(ids[0]).then((r) =>
              r.ok ? { ok: true as const, conversations: [r.conversation] } : r,
            )
          : await restoreConversationsAction(ids);
      if (!result.ok) return showError(result.error);
      for (const conversation of result.conversations) putConversation(conversation);
      if (reopen && ids.includes(reopen)) router.push(`/c/${reopen}`);
    },
    [reopen, router, putConversation, showError],
  );

  return { toast, closeToast, showError, remove, removeAll, undo };
}
