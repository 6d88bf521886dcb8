"use client";

import clsx from "clsx";
import { CircleAlert, CircleCheck, KeyRound, LoaderCircle, Plus, TriangleAlert } from "lucide-react";
import { useActionState, useEffect, useId, useRef, useState, useTransition } from "react";
import { type CreateKeyState, createApiKeyAction, revokeApiKeyAction } from "@/app/(chat)/settings/api-keys/actions";
import { CopyButton } from "@/components/chat/copy-button";
import type { ApiKeyStatus, ApiKeyView } from "@/lib/admin/keys";
import { type DateContext, formatAgo, formatDay, formatFull, useDateContext } from "./dates";

interface ApiKeysProps {
  keys: ApiKeyView[];
  /** The server's clock when it rendered, so dates render the same on both sides. */
  renderedAt: number;
}

const IDLE: CreateKeyState = { status: "idle" };

const inputClass = (invalid = false) =>
  clsx(
    "block h-10 w-full rounded-xl border bg-white px-3 text-sm text-zinc-900 shadow-xs outline-none transition-[border-color,box-shadow] placeholder:text-zinc-400",
    "focus:ring-4 dark:bg-zinc-950 dark:text-zinc-100",
    invalid
      ? "border-red-300 focus:border-red-400 focus:ring-red-500/10 dark:border-red-800 dark:focus:border-red-700"
      : "border-zinc-200 focus:border-zinc-400 focus:ring-zinc-900/5 dark:border-zinc-800 dark:focus:border-zinc-500 dark:focus:ring-white/10",
  );

const focusRing = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400";

export function ApiKeys({ keys, renderedAt }: ApiKeysProps) {
  const [state, formAction, pending] = useActionState(createApiKeyAction, IDLE);
  // The created key stays on screen until dismissed; a reload never brings it back.
  const [dismissed, setDismissed] = useState<string | null>(null);
  // …nor does it outlive the key: once revoked, there is nothing left to copy.
  const fresh = state.status === "created" && state.key !== dismissed ? state : null;
  const created = fresh && keys.some((k) => k.id === fresh.view.id && k.status === "active") ? fresh : null;

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">API keys</h1>
        <p className="max-w-2xl text-sm leading-6 text-pretty text-zinc-500 dark:text-zinc-400">
          Call SPJ Chat from your own programs with{" "}
          <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[0.8125rem] whitespace-nowrap text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
            POST /api/v1/chat
          </code>
          . A key acts as you in your workspace and counts against your plan&apos;s limits. Keep keys secret, and revoke
          the ones you no longer need.
        </p>
      </div>

      <section aria-labelledby="create-key-heading" className="space-y-4">
        <CreateKeyForm state={state} action={formAction} pending={pending} />
        {created && (
          <NewKeyPanel secret={created.key} name={created.view.name} onDone={() => setDismissed(created.key)} />
        )}
      </section>

      <KeyList keys={keys} renderedAt={renderedAt} highlightId={created?.view.id ?? null} />
    </div>
  );
}

function CreateKeyForm({
  state,
  action,
  pending,
}: {
  state: CreateKeyState;
  action: (formData: FormData) => void;
  pending: boolean;
}) {
  const values = state.status === "error" ? state.values : { name: "", expiresInDays: "" };
  const invalid = state.status === "error" ? state.field : null;
  const nameId = useId();
  const expiryId = useId();
  return (
    <form
      action={action}
      noValidate
      className="rounded-xl border border-zinc-200 bg-zinc-50/60 p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <h2 id="create-key-heading" className="text-[0.9375rem] font-semibold text-zinc-900 dark:text-zinc-100">
        Create a new key
      </h2>
      <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
        Name it after the program or place that will use it, so you know which one to revoke.
      </p>
      <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor={nameId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Name
          </label>
          <input
            id={nameId}
            name="name"
            data-testid="api-key-name"
            defaultValue={values.name}
            required
            maxLength={80}
            autoComplete="off"
            placeholder="e.g. Nightly report script"
            aria-invalid={invalid === "name" || undefined}
            aria-describedby={invalid === "name" ? "api-key-error" : undefined}
            className={inputClass(invalid === "name")}
          />
        </div>
        <div className="space-y-1.5 sm:w-44">
          <label htmlFor={expiryId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Expires after <span className="font-normal text-zinc-500 dark:text-zinc-400">(days)</span>
          </label>
          <input
            id={expiryId}
            name="expiresInDays"
            data-testid="api-key-expiry"
            defaultValue={values.expiresInDays}
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            step={1}
            placeholder="Never"
            aria-invalid={invalid === "expiresInDays" || undefined}
            aria-describedby={invalid === "expiresInDays" ? "api-key-error" : undefined}
            className={inputClass(invalid === "expiresInDays")}
          />
        </div>
        <button
          type="submit"
          data-testid="api-key-create"
          disabled={pending}
          aria-busy={pending || undefined}
          className={clsx(
            "inline-flex h-10 shrink-0 items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 text-sm font-medium text-white shadow-sm transition-colors hover:bg-zinc-700",
            "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2",
            "disabled:cursor-not-allowed disabled:opacity-70 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200",
          )}
        >
          {pending ? (
            <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
          ) : (
            <Plus className="size-4" aria-hidden="true" />
          )}
          Create key
        </button>
      </div>
      {state.status === "error" && (
        <p
          id="api-key-error"
          role="alert"
          data-testid="api-key-error"
          className="mt-3 flex items-center gap-2 text-sm text-red-600 dark:text-red-400"
        >
          <CircleAlert className="size-4 shrink-0" aria-hidden="true" />
          {state.error}
        </p>
      )}
    </form>
  );
}

function NewKeyPanel({ secret, name, onDone }: { secret: string; name: string; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // On small screens the panel opens below the fold: bring each new key into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per new key
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [secret]);
  return (
    <div
      ref={ref}
      role="status"
      data-testid="api-key-created"
      className="overflow-hidden rounded-xl border border-emerald-200 bg-white shadow-sm dark:border-emerald-900/60 dark:bg-zinc-900"
    >
      <div className="flex items-start gap-3 border-b border-emerald-100 bg-emerald-50/70 px-4 py-3 sm:px-5 dark:border-emerald-900/40 dark:bg-emerald-950/30">
        <CircleCheck className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden="true" />
        <div className="min-w-0">
          <p className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Key <span className="break-words">“{name}”</span> created
          </p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Copy it now and store it somewhere safe.</p>
        </div>
      </div>
      <div className="space-y-3 px-4 py-4 sm:px-5">
        <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 py-1.5 pr-1.5 pl-3 dark:border-zinc-700 dark:bg-zinc-950">
          <code
            data-testid="api-key-secret"
            className="min-w-0 flex-1 font-mono text-[0.8125rem] break-all text-zinc-900 select-all dark:text-zinc-100"
          >
            {secret}
          </code>
          <CopyButton
            getText={() => secret}
            label="Copy key"
            testId="api-key-copy"
            showText
            className="h-8 shrink-0 border border-zinc-200 bg-white px-2.5 text-xs font-medium text-zinc-700 shadow-xs hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700"
          />
        </div>
        <p className="flex items-start gap-2 text-sm text-amber-700 dark:text-amber-400">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>This key will not be shown again. If you lose it, revoke it and create a new one.</span>
        </p>
        <div className="flex justify-end">
          <button
            type="button"
            data-testid="api-key-done"
            onClick={onDone}
            className={clsx(
              "h-9 rounded-xl border border-zinc-200 bg-white px-4 text-sm font-medium text-zinc-800 shadow-xs transition-colors hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700",
              focusRing,
            )}
          >
            I&apos;ve saved it
          </button>
        </div>
      </div>
    </div>
  );
}

function KeyList({
  keys,
  renderedAt,
  highlightId,
}: {
  keys: ApiKeyView[];
  renderedAt: number;
  highlightId: string | null;
}) {
  const ctx = useDateContext(renderedAt);
  const active = keys.filter((k) => k.status === "active").length;
  return (
    <section aria-labelledby="keys-heading" className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="keys-heading" className="text-[0.9375rem] font-semibold text-zinc-900 dark:text-zinc-100">
          Your keys
        </h2>
        {keys.length > 0 && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {active} active of {keys.length}
          </p>
        )}
      </div>
      {keys.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-zinc-200 px-6 py-10 text-center dark:border-zinc-800">
          <span className="flex size-10 items-center justify-center rounded-xl border border-zinc-200 bg-zinc-50 text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
            <KeyRound className="size-4" aria-hidden="true" />
          </span>
          <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">No API keys yet</p>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Keys you create show up here.</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-950">
          {keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} ctx={ctx} highlighted={key.id === highlightId} />
          ))}
        </ul>
      )}
    </section>
  );
}

const STATUS: Record<ApiKeyStatus, { label: string; className: string }> = {
  active: {
    label: "Active",
    className:
      "border-emerald-200 bg-emerald-50 text-emerald-700 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-300",
  },
  expired: {
    label: "Expired",
    className:
      "border-amber-200 bg-amber-50 text-amber-700 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-300",
  },
  revoked: {
    label: "Revoked",
    className: "border-zinc-200 bg-zinc-100 text-zinc-500 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-400",
  },
};

function KeyRow({ apiKey, ctx, highlighted }: { apiKey: ApiKeyView; ctx: DateContext; highlighted: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revoking, startRevoke] = useTransition();
  const status = STATUS[apiKey.status];
  const inactive = apiKey.status !== "active";

  const revoke = () =>
    startRevoke(async () => {
      setError(null);
      const result = await revokeApiKeyAction(apiKey.id);
      if (result.ok) setConfirming(false);
      else setError(result.error);
    });

  return (
    <li
      data-testid="api-key-row"
      data-key-id={apiKey.id}
      data-status={apiKey.status}
      className={clsx("px-4 py-3.5 sm:px-5", highlighted && "bg-emerald-50/40 dark:bg-emerald-950/20")}
    >
      <div className="flex items-start gap-3">
        <span
          className={clsx(
            "mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg border",
            inactive
              ? "border-zinc-200 bg-zinc-50 text-zinc-400 dark:border-zinc-800 dark:bg-zinc-900"
              : "border-zinc-200 bg-white text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
          )}
        >
          <KeyRound className="size-4" aria-hidden="true" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2">
            <p
              title={apiKey.name}
              className={clsx(
                "truncate text-sm font-medium",
                inactive ? "text-zinc-500 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100",
              )}
            >
              {apiKey.name}
            </p>
            <span
              data-testid="api-key-status"
              className={clsx(
                "shrink-0 rounded-full border px-2 py-0.5 text-[11px] font-medium leading-none",
                status.className,
              )}
            >
              {status.label}
            </span>
          </div>
          <p className="mt-1 font-mono text-xs text-zinc-500 dark:text-zinc-400">{apiKey.display}</p>
          <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <Meta label="Created" value={formatDay(apiKey.createdAt, ctx)} title={formatFull(apiKey.createdAt, ctx)} />
            <Meta
              label="Last used"
              value={apiKey.lastUsedAt ? formatAgo(apiKey.lastUsedAt, ctx) : "Never"}
              title={apiKey.lastUsedAt ? formatFull(apiKey.lastUsedAt, ctx) : undefined}
            />
            {apiKey.revokedAt ? (
              <Meta
                label="Revoked"
                value={formatDay(apiKey.revokedAt, ctx)}
                title={formatFull(apiKey.revokedAt, ctx)}
              />
            ) : (
              <Meta
                label={apiKey.status === "expired" ? "Expired" : "Expires"}
                value={apiKey.expiresAt ? formatDay(apiKey.expiresAt, ctx) : "Never"}
                title={apiKey.expiresAt ? formatFull(apiKey.expiresAt, ctx) : undefined}
              />
            )}
          </dl>
        </div>
        {apiKey.status !== "revoked" && !confirming && (
          <button
            type="button"
            data-testid="api-key-revoke"
            onClick={() => setConfirming(true)}
            className={clsx(
              "h-8 shrink-0 rounded-lg border border-zinc-200 bg-white px-3 text-xs font-medium text-zinc-700 shadow-xs transition-colors hover:border-red-200 hover:bg-red-50 hover:text-red-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-red-900 dark:hover:bg-red-950/40 dark:hover:text-red-300",
              focusRing,
            )}
          >
            Revoke
          </button>
        )}
      </div>

      {confirming && apiKey.status !== "revoked" && (
        <div
          role="alertdialog"
          aria-label={`Revoke ${apiKey.name}`}
          className="mt-3 flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50/70 px-3 py-2.5 sm:ml-11 sm:flex-row sm:items-center dark:border-red-900/60 dark:bg-red-950/30"
        >
          <p className="min-w-0 flex-1 text-sm text-red-800 dark:text-red-200">
            Revoke this key? Programs using it stop working immediately. This cannot be undone.
          </p>
          <div className="flex shrink-0 justify-end gap-2">
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                setError(null);
              }}
              disabled={revoking}
              className={clsx(
                "h-8 rounded-lg px-3 text-xs font-medium text-zinc-700 transition-colors hover:bg-white/80 disabled:opacity-60 dark:text-zinc-300 dark:hover:bg-zinc-800",
                focusRing,
              )}
            >
              Cancel
            </button>
            <button
              type="button"
              data-testid="api-key-confirm-revoke"
              onClick={revoke}
              disabled={revoking}
              aria-busy={revoking || undefined}
              className={clsx(
                "inline-flex h-8 items-center gap-1.5 rounded-lg bg-red-600 px-3 text-xs font-medium text-white shadow-xs transition-colors hover:bg-red-700 disabled:cursor-wait disabled:opacity-80",
                focusRing,
              )}
            >
              {revoking && <LoaderCircle className="size-3.5 animate-spin" aria-hidden="true" />}
              Revoke key
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 flex items-center gap-2 text-xs text-red-600 sm:ml-11 dark:text-red-400">
          <CircleAlert className="size-3.5 shrink-0" aria-hidden="true" />
          {error}
        </p>
      )}
    </li>
  );
}

function Meta({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="flex gap-1">
      <dt>{label}</dt>
      <dd title={title} className="text-zinc-700 dark:text-zinc-300">
        {value}
      </dd>
    </div>
  );
}
