import Link from "next/link";
import type { UsageFilters } from "@/lib/usage/dashboard-filters";

interface Options {
  workspaces: { id: string; name: string }[];
  models: string[];
  users: { id: string; name: string; email: string }[];
}

const field =
  "h-9 rounded-lg border border-zinc-200 bg-white px-2.5 text-sm text-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200";

/** The filters as a plain GET form: they live in the URL, so every view can be linked and reloaded. */
export function UsageFiltersForm({
  action,
  filters,
  options,
  showUser = true,
}: {
  action: string;
  filters: UsageFilters;
  options: Options;
  showUser?: boolean;
}) {
  return (
    <form
      action={action}
      method="get"
      data-testid="usage-filters"
      className="flex flex-wrap items-end gap-2.5 rounded-xl border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <DateField name="from" label="From" value={filters.from} />
      <DateField name="to" label="To" value={filters.to} />
      <SelectField
        name="workspace"
        label="Workspace"
        value={filters.workspaceId}
        all="All workspaces"
        choices={options.workspaces.map((w) => [w.id, w.name])}
      />
      <SelectField
        name="model"
        label="Model"
        value={filters.model}
        all="All models"
        choices={options.models.map((m) => [m, m])}
      />
      {showUser && (
        <SelectField
          name="user"
          label="User"
          value={filters.userId}
          all="All users"
          choices={options.users.map((u) => [u.id, `${u.name} (${u.email})`])}
        />
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="filter-apply"
          className="h-9 rounded-lg bg-zinc-900 px-3.5 text-sm font-medium text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          Apply
        </button>
        <Link
          href={action}
          className="flex h-9 items-center rounded-lg px-3 text-sm text-zinc-600 hover:bg-zinc-200/60 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          Reset
        </Link>
      </div>
    </form>
  );
}

function DateField({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      <input
        type="date"
        id={`filter-${name}`}
        name={name}
        defaultValue={value}
        className={field}
        data-testid={`filter-${name}`}
      />
    </div>
  );
}

/** A filter with an "all" choice (the empty value) and the given [value, label] choices. */
function SelectField({
  name,
  label,
  value,
  all,
  choices,
}: {
  name: string;
  label: string;
  value: string | undefined;
  all: string;
  choices: [string, string][];
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className={field}
        data-testid={`filter-${name}`}
      >
        <option value="">{all}</option>
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
