import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { CardPage } from "@/components/ui/card-page";
import { describeResetLink } from "@/lib/account/password-reset";
import { AppError } from "@/lib/errors";

// The token is in the address: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: "Set a new password", robots: { index: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/** `/reset-password/<token>`: a one-time link; used, expired or unknown links are a 404. */
export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const link = await describeResetLink(token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <CardPage>
      <div className="mb-6 space-y-1.5 text-center">
        <h1 className="text-xl font-semibold tracking-tight">Set a new password</h1>
        <p className="text-sm break-words text-zinc-500 dark:text-zinc-400">
          For <span className="font-medium text-zinc-700 dark:text-zinc-300">{link.email}</span>
        </p>
      </div>
      <ResetPasswordForm token={token} />
    </CardPage>
  );
}
