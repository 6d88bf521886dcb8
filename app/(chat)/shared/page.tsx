import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-header";
import { SharedList } from "@/components/teams/shared-list";
import { requirePageActor } from "@/lib/auth/session";
import { listSharedWithTeam } from "@/lib/sharing/shared-list";

export const metadata: Metadata = { title: "Shared with the team" };

type Props = { searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** `/shared`: what colleagues shared with the team, searchable by title or by who shared it. */
export default async function SharedPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const query = one(params.q)?.trim() ?? "";
  const inTeam = actor.workspace.kind === "TEAM";
  const page = inTeam ? await listSharedWithTeam(actor, { query, cursor: one(params.cursor) }) : null;
  return (
    <>
      <SettingsHeader section={actor.workspace.name} title="Shared with the team" />
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
          <SharedList
            teamName={inTeam ? actor.workspace.name : null}
            query={query}
            items={page?.items ?? []}
            nextCursor={page?.nextCursor ?? null}
            paged={Boolean(one(params.cursor))}
            renderedAt={Date.now()}
          />
        </div>
      </div>
    </>
  );
}
