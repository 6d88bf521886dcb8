import type { Metadata } from "next";
import { ApiKeys } from "@/components/settings/api-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { listKeysFor } from "@/lib/admin/keys";
import { requirePageActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

/** Settings → API keys: the signed-in user's keys in their workspace (never the keys themselves). */
export default async function ApiKeysPage() {
  const actor = await requirePageActor();
  const keys = await listKeysFor(actor);
  return (
    <>
      <SettingsHeader title="API keys" />
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
          <ApiKeys keys={keys} renderedAt={Date.now()} />
        </div>
      </div>
    </>
  );
}
