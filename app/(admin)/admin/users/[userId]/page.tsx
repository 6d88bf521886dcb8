import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, buttonClass, inputClass } from "@/components/admin/action-form";
import { Badge } from "@/components/admin/badge";
import { ResetLinkForm } from "@/components/admin/reset-link-form";
import { PageTitle } from "@/components/usage/page-title";
import { Panel } from "@/components/usage/usage-table";
import { userDetailsAs } from "@/lib/admin/user-management";
import { canAdministerInstall } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { planOf } from "@/lib/usage/plans";
import { setDisabledAction, setMemberQuotaAction, setRoleAction, setWorkspaceQuotaAction } from "../actions";

export const metadata: Metadata = { title: "Manage user" };

/** One account: role, disable/enable, and the monthly quotas of each workspace it belongs to. */
export default async function ManageUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requirePageActor();
  if (!canAdministerInstall(actor.user)) notFound();
  const { userId } = await params;
  const user = await userDetailsAs(actor, userId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const self = user.id === actor.userId;
  return (
    <div className="space-y-5">
      <PageTitle title={user.name} subtitle={user.email}>
        <div className="flex items-center gap-2">
          {user.role === "ADMIN" && <Badge tone="indigo">Admin</Badge>}
          {user.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
          <Link
            href={`/admin/usage/users/${user.id}`}
            className="ml-2 rounded-lg border border-zinc-200 px-2.5 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
          >
            View usage
          </Link>
        </div>
      </PageTitle>

      <div className="grid gap-5 md:grid-cols-2">
        <Panel title="Role" subtitle="Admins see every workspace's usage and manage users.">
          <ActionForm action={setRoleAction} testId="role-form">
            <input type="hidden" name="userId" value={user.id} />
            <select name="role" defaultValue={user.role} aria-label="Role" className={inputClass} disabled={self}>
              <option value="USER">User</option>
              <option value="ADMIN">Admin</option>
            </select>
            <button type="submit" className={buttonClass} disabled={self}>
              Save role
            </button>
          </ActionForm>
        </Panel>
        <Panel
          title="Access"
          subtitle="Disabling signs the user out of every session and stops their API keys on their next request."
        >
          <ActionForm action={setDisabledAction} testId="disable-form">
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disable" value={user.disabledAt ? "0" : "1"} />
            <button type="submit" className={buttonClass} disabled={self} data-testid="toggle-disabled">
              {user.disabledAt ? "Enable user" : "Disable user"}
            </button>
          </ActionForm>
        </Panel>
        <Panel
          title="Password"
          subtitle="A one-time link that lets the user set a new password. Pass it on through a channel you trust."
        >
          <ResetLinkForm userId={user.id} />
        </Panel>
      </div>

      <Panel
        title="Workspaces and monthly quotas"
        subtitle="Tokens a month; leave empty for the plan's quota (workspace) or no cap (member)."
      >
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {user.memberships.map((m) => (
            <li key={m.workspaceId} className="grid gap-3 py-3 lg:grid-cols-[1fr_auto_auto] lg:items-center">
              <div>
                <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{m.workspaceName}</p>
                <p className="text-xs text-zinc-500">
                  {m.kind === "TEAM" ? "Team" : "Personal"} · {m.role.toLowerCase()} · {planOf(m.plan).name} plan (
                  {planOf(m.plan).monthlyTokens.toLocaleString("en-US")} tokens)
                </p>
              </div>
              <QuotaForm
                action={setWorkspaceQuotaAction}
                hidden={{ workspaceId: m.workspaceId }}
                value={m.workspaceQuota}
                placeholder="Plan's quota"
                caption="Workspace tokens a month"
                label={`Monthly quota of ${m.workspaceName}`}
                button="Set workspace"
              />
              <QuotaForm
                action={setMemberQuotaAction}
                hidden={{ workspaceId: m.workspaceId, userId: user.id }}
                value={m.memberQuota}
                placeholder="No cap"
                caption="Member's cap a month"
                label={`${user.name}'s cap in ${m.workspaceName}`}
                button="Set member"
              />
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}

/** A monthly token quota: a number, or empty for "none" (the plan's, or no cap). */
function QuotaForm({
  action,
  hidden,
  value,
  placeholder,
  caption,
  label,
  button,
}: {
  action: typeof setWorkspaceQuotaAction;
  hidden: Record<string, string>;
  value: number | null;
  placeholder: string;
  /** The field's visible name; `label` is its full one, for screen readers. */
  caption: string;
  label: string;
  button: string;
}) {
  return (
    <ActionForm action={action} testId="quota-form">
      {Object.entries(hidden).map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {caption}
        <input
          name="tokens"
          type="text"
          inputMode="numeric"
          defaultValue={value ?? ""}
          placeholder={placeholder}
          aria-label={label}
          className={`${inputClass} w-36 font-normal`}
        />
      </label>
      <button type="submit" className={buttonClass}>
        {button}
      </button>
    </ActionForm>
  );
}
