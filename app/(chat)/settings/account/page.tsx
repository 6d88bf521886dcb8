import type { Metadata } from "next";
import { AccountSettings } from "@/components/account/account-settings";
import { SettingsHeader } from "@/components/settings/settings-header";
import { hasPassword } from "@/lib/account/profile";
import { requirePageActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

/** Settings → Account: the signed-in user's name, password and data. */
export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string | string[] }>;
}) {
  const actor = await requirePageActor();
  return (
    <>
      <SettingsHeader title="Account" />
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
          <AccountSettings
            name={actor.user.name}
            email={actor.user.email}
            workspaceName={actor.workspace.name}
            hasPassword={await hasPassword(actor)}
            passwordChanged={(await searchParams).password === "changed"}
          />
        </div>
      </div>
    </>
  );
}
