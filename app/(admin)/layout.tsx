import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requirePageActor } from "@/lib/auth/session";
import { adminScopeOf } from "@/lib/usage/dashboard";

/** The admin area: only for the system admin and team workspace admins; a 404 for everyone else. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const scope = await adminScopeOf(actor);
  if (!scope) notFound();
  return (
    <div className="min-h-dvh bg-zinc-50/50 dark:bg-zinc-950">
      <AdminNav systemAdmin={scope.systemAdmin} />
      <main className="mx-auto w-full max-w-6xl px-4 pt-6 pb-16 sm:px-6">{children}</main>
    </div>
  );
}
