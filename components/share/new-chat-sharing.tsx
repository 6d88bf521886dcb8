"use client";

import { usePathname } from "next/navigation";
import { useTeam } from "@/components/teams/team-context";
import { SharePanel } from "./share-panel";

/**
 * Sharing for the chat started at "/": once its first answer has given it an address
 * (/c/<id>), it is a private conversation of its owner, with no public link yet.
 */
export function NewChatSharing() {
  const pathname = usePathname();
  const team = useTeam();
  const id = /^\/c\/([^/?#]+)$/.exec(pathname)?.[1];
  if (!id) return null;
  return (
    <SharePanel
      key={id}
      conversationId={decodeURIComponent(id)}
      visibility="PRIVATE"
      teamName={team?.current.kind === "TEAM" ? team.current.name : null}
      publicLink={null}
    />
  );
}
