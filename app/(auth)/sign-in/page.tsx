import type { Metadata } from "next";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { enabledOAuthProviders } from "@/lib/auth/config";
import { mailConfigured } from "@/lib/mail";
import { oauthSignInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{ next?: string | string[]; reset?: string | string[]; email?: string | string[] }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const providers = enabledOAuthProviders();
  const { next, reset, email } = await searchParams;
  return (
    <>
      <div className="mb-6 space-y-1.5 text-center">
        <h1 className="text-xl font-semibold tracking-tight">Welcome back</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Sign in to continue to SPJ Chat</p>
      </div>
      {providers.length > 0 && <OAuthButtons providers={providers} action={oauthSignInAction} />}
      <SignInForm
        next={typeof next === "string" ? next : undefined}
        forgotPassword={mailConfigured()}
        notice={reset === "1" ? "Your password is set. Sign in with it." : undefined}
        email={typeof email === "string" ? email.slice(0, 200) : undefined}
      />
    </>
  );
}
