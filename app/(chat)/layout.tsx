import type { ReactNode } from "react";
import { AppShell } from "@/components/chat/app-shell";
import { TeamProvider } from "@/components/teams/team-context";
import { canAdministerInstall } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import { sidebarPage } from "@/lib/conversations/sidebar";
import { listMyWorkspaces } from "@/lib/teams/workspaces";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const page = await sidebarPage(actor, null);
  const team = {
    workspaces: await listMyWorkspaces(actor),
    current: actor.workspace,
    installAdmin: canAdministerInstall(actor.user),
  };
  return (
    <TeamProvider value={team}>
      <AppShell
        initialConversations={page.items}
        initialCursor={page.nextCursor}
        listScope={`${actor.userId}:${actor.workspaceId}`}
        renderedAt={Date.now()}
        user={{ name: actor.user.name, email: actor.user.email }}
      >
        {children}
      </AppShell>
    </TeamProvider>
  );
}
