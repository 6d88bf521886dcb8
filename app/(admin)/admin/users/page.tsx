import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/admin/badge";
import { PageTitle } from "@/components/usage/page-title";
import { searchUsersAs } from "@/lib/admin/user-management";
import { canAdministerInstall } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/usage/dashboard-filters";

export const metadata: Metadata = { title: "Users" };

const dateFormat = (d: Date) =>
  d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** Every account of the install, searchable; for the system admin only. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  if (!canAdministerInstall(actor.user)) notFound();
  const params = await searchParams;
  const { users, total, page, pages, q } = await searchUsersAs(actor, { q: params.q, page: params.page });
  const pageHref = (n: number) => `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <div className="space-y-5">
      <PageTitle
        title="Users"
        subtitle={`${total.toLocaleString("en-US")} ${total === 1 ? "account" : "accounts"}${q ? ` matching “${q}”` : ""}`}
      >
        <form action="/admin/users" method="get" className="flex gap-2">
          <input
            type="search"
            name="q"
            defaultValue={q}
            placeholder="Search name or email"
            aria-label="Search users"
            data-testid="user-search"
            className="h-9 w-64 rounded-lg border border-zinc-200 bg-white px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button
            type="submit"
            className="h-9 rounded-lg bg-zinc-900 px-3.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
          >
            Search
          </button>
        </form>
      </PageTitle>
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-max text-sm" data-testid="user-list">
          <thead>
            <tr className="border-b border-zinc-100 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <th className="px-5 py-2.5 font-medium">Name</th>
              <th className="px-4 py-2.5 font-medium">Email</th>
              <th className="px-4 py-2.5 font-medium">Role</th>
              <th className="px-4 py-2.5 font-medium">Status</th>
              <th className="px-5 py-2.5 font-medium">Joined</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/70">
                <td className="px-5 py-2.5">
                  <Link
                    href={`/admin/users/${u.id}`}
                    className="font-medium text-zinc-900 hover:underline dark:text-zinc-100"
                  >
                    {u.name}
                  </Link>
                </td>
                <td className="px-4 py-2.5 text-zinc-600 dark:text-zinc-300">{u.email}</td>
                <td className="px-4 py-2.5">{u.role === "ADMIN" ? <Badge tone="indigo">Admin</Badge> : "User"}</td>
                <td className="px-4 py-2.5">
                  {u.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                </td>
                <td className="px-5 py-2.5 text-zinc-500">{dateFormat(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.length === 0 && <p className="py-8 text-center text-sm text-zinc-500">No users found.</p>}
      </div>
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
          {page > 1 && (
            <Link href={pageHref(page - 1)} className="rounded-lg px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              Previous
            </Link>
          )}
          <span className="text-zinc-500">
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={pageHref(page + 1)} className="rounded-lg px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
