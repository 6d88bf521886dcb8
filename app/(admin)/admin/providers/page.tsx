import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProviderCard } from "@/components/admin/provider-card";
import { PageTitle } from "@/components/usage/page-title";
import { providersOverviewAs } from "@/lib/admin/providers";
import { canAdministerInstall } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Providers" };

/** The configured providers and models with their health from the ledger; for the system admin only. */
export default async function ProvidersPage() {
  const actor = await requirePageActor();
  if (!canAdministerInstall(actor.user)) notFound();
  const providers = await providersOverviewAs(actor);
  const models = providers.reduce((n, p) => n + p.models.length, 0);
  return (
    <div className="space-y-5">
      <PageTitle
        title="Providers"
        subtitle={`${providers.length} ${providers.length === 1 ? "provider" : "providers"} · ${models} ${models === 1 ? "model" : "models"} · health from the usage ledger; medians over completed calls`}
      />
      {providers.map((p) => (
        <ProviderCard key={p.id} provider={p} />
      ))}
    </div>
  );
}
