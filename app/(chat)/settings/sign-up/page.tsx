import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsHeader } from "@/components/settings/settings-header";
import { SignupSettings } from "@/components/teams/signup-settings";
import { requirePageActor } from "@/lib/auth/session";
import { signupSettings } from "@/lib/auth/signup";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Sign-up" };

/** `/settings/sign-up`: the system admin decides who may create an account. */
export default async function SignupSettingsPage() {
  const actor = await requirePageActor();
  const settings = await signupSettings(actor).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <SettingsHeader title="Sign-up" />
      <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <SignupSettings mode={settings.mode} />
      </div>
    </>
  );
}
