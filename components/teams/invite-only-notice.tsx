import { MailQuestion } from "lucide-react";
import Link from "next/link";

/** The register page when sign-up is invite-only and the visitor came without an invite. */
export function InviteOnlyNotice({ message }: { message: string }) {
  return (
    <div data-testid="invite-only" className="flex flex-col items-center gap-4 text-center">
      <span className="flex size-11 items-center justify-center rounded-2xl border border-zinc-200 bg-zinc-50 text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
        <MailQuestion className="size-5" aria-hidden="true" />
      </span>
      <div className="space-y-1.5">
        <h1 className="text-xl font-semibold tracking-tight">Invitation needed</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{message}</p>
      </div>
      <Link
        href="/sign-in"
        className="text-sm font-medium text-zinc-900 underline-offset-4 hover:underline dark:text-zinc-100"
      >
        Already have an account? Sign in
      </Link>
    </div>
  );
}
