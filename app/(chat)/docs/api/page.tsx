import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiDocs } from "@/components/docs/api-docs";
import { requestOrigin } from "@/components/docs/origin";
import { requirePageActor } from "@/lib/auth/session";
import { findMemberLimits } from "@/lib/db/workspaces";
import { defaultModelId, listModels } from "@/lib/providers/registry";
import { planOf } from "@/lib/usage/plans";

export const metadata: Metadata = { title: "API docs" };

/** `/docs/api`: the public API explained, with examples for the address this server was reached at. */
export default async function ApiDocsPage() {
  const actor = await requirePageActor();
  const origin = requestOrigin(await headers());
  const limits = await findMemberLimits(actor.workspaceId, actor.userId);
  return (
    <ApiDocs
      origin={origin}
      defaultModel={defaultModelId()}
      models={listModels().map((m) => ({ id: m.id, price: m.pricing }))}
      planId={limits ? planOf(limits.plan).id : null}
    />
  );
}
