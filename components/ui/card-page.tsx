import type { ReactNode } from "react";
import { LogoMark } from "./logo";

/** A page that is one centered card under the logo: signing in, registering, an invite. */
export function CardPage({ children }: { children: ReactNode }) {
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(circle_at_50%_-10%,rgb(228_228_231/0.9),transparent_55%)] dark:bg-[radial-gradient(circle_at_50%_-10%,rgb(39_39_42/0.9),transparent_55%)]"
      />
      <div className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <LogoMark className="size-11" />
          <span className="text-sm font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">SPJ Chat</span>
        </div>
        <div className="rounded-2xl border border-zinc-200 bg-white p-8 shadow-[0_1px_2px_rgb(0_0_0/0.04),0_8px_24px_-12px_rgb(0_0_0/0.08)] dark:border-zinc-800 dark:bg-zinc-900">
          {children}
        </div>
        <p className="mt-6 text-center text-xs text-zinc-400">Self-hosted. Your conversations stay on your server.</p>
      </div>
    </main>
  );
}
