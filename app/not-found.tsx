import Link from "next/link";
import { LogoMark } from "@/components/ui/logo";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-zinc-50 px-6 text-center dark:bg-zinc-950">
      <LogoMark className="size-10" />
      <div className="space-y-2">
        <p className="font-mono text-sm text-zinc-500">404</p>
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="max-w-sm text-sm text-zinc-500">
          The page you are looking for does not exist or you do not have access to it.
        </p>
      </div>
      <Link
        href="/"
        className="rounded-xl bg-zinc-900 px-4 py-2 text-sm font-medium text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 dark:bg-white dark:text-zinc-900"
      >
        Back to chat
      </Link>
    </main>
  );
}
