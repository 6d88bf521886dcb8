import type { ReactNode } from "react";
import { AppShell } from "@/components/chat/app-shell";
import { requirePageActor } from "@/lib/auth/session";
import { SIDEBAR_PAGE_SIZE } from "@/lib/chat/conversations";
import { listConversations } from "@/lib/db/conversations";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const page = await listConversations({
    ownerId: actor.userId,
    workspaceId: actor.workspaceId,
    cursor: null,
    limit: SIDEBAR_PAGE_SIZE,
  });
  const conversations = page.items.map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt.toISOString() }));
  return (
    <AppShell
      initialConversations={conversations}
      initialCursor={page.nextCursor}
      renderedAt={Date.now()}
      user={{ name: actor.user.name, email: actor.user.email }}
    >
      {children}
    </AppShell>
  );
}
