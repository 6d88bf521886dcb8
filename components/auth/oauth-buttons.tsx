import { KeyRound } from "lucide-react";

interface Provider {
  id: string;
  name: string;
}

/** One button per configured OAuth provider; each posts its id to the sign-in action. */
export function OAuthButtons({
  providers,
  action,
}: {
  providers: Provider[];
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <div className="mb-6 space-y-4">
      <div className="space-y-2">
        {providers.map((provider) => (
          <form key={provider.id} action={action}>
            <input type="hidden" name="provider" value={provider.id} />
            <button
              type="submit"
              data-testid={`oauth-${provider.id}`}
              className="inline-flex h-10 w-full items-center justify-center gap-2 rounded-xl border border-zinc-200 bg-white px-4 text-sm font-medium text-zinc-800 shadow-xs transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200 dark:hover:bg-zinc-900"
            >
              <KeyRound className="size-4 text-zinc-500" aria-hidden="true" />
              Continue with {provider.name}
            </button>
          </form>
        ))}
      </div>
      <div className="flex items-center gap-3 text-xs text-zinc-400">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        or
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
