import type { Metadata } from "next";
import { RegisterForm } from "@/components/auth/register-form";
import { InviteOnlyNotice } from "@/components/teams/invite-only-notice";
import { INVITE_ONLY_MESSAGE } from "@/lib/auth/register";
import { anyoneMaySignUp } from "@/lib/auth/signup";
import { describeInvite } from "@/lib/teams/invites";

export const metadata: Metadata = { title: "Create account" };

type Props = { searchParams: Promise<{ invite?: string | string[] }> };

/** Registration, open to all or, with invite-only sign-up, to people arriving through an invite link. */
export default async function RegisterPage({ searchParams }: Props) {
  const { invite: token } = await searchParams;
  const invite = typeof token === "string" ? await describeInvite(token) : null;
  const usable = invite?.state === "open" ? { token: token as string, email: invite.email } : undefined;
  if (!usable && !(await anyoneMaySignUp())) return <InviteOnlyNotice message={INVITE_ONLY_MESSAGE} />;
  return (
    <>
      <div className="mb-6 space-y-1.5 text-center">
        <h1 className="text-xl font-semibold tracking-tight">
          {usable && invite ? `Join ${invite.teamName}` : "Create your account"}
        </h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {usable && invite
            ? `${invite.inviterName} invited you. Create your account to join.`
            : "Start chatting in a few seconds"}
        </p>
      </div>
      <RegisterForm invite={usable} />
    </>
  );
}
