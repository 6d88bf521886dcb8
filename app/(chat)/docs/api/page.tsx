import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiDocs } from "@/components/docs/api-docs";
import { requestOrigin } from "@/components/docs/origin";
import { requirePageActor } from "@/lib/auth/session";
import { chatConfig } from "@/lib/config";
import { findMemberLimits } from "@/lib/db/workspaces";
import { planOf } from "@/lib/usage/plans";
import { priceOf } from "@/lib/usage/pricing";

export const metadata: Metadata = { title: "API docs" };

/** `/docs/api`: the public API explained, with examples for the address this server was reached at. */
export default async function ApiDocsPage() {
  const actor = await requirePageActor();
  const origin = requestOrigin(await headers());
  const limits = await findMemberLimits(actor.workspaceId, actor.userId);
  const { models, defaultModel } = chatConfig();
  return (
    <ApiDocs
      origin={origin}
      defaultModel={defaultModel}
      models={models.map((id) => ({ id, price: priceOf(id) }))}
      planId={limits ? planOf(limits.plan).id : null}
    />
  );
}
