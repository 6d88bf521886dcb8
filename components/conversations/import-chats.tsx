"use client";

import { LoaderCircle, Upload } from "lucide-react";
import { lazy, Suspense, useRef, useState } from "react";
import { useShell } from "@/components/chat/shell-context";
import type { ImportReport } from "@/lib/conversations/import";
import type { ImportState } from "./import-report-dialog";

// Loaded when a report is first shown, not with every page of the chat area.
const ImportReportDialog = lazy(() =>
  import("./import-report-dialog").then((m) => ({ default: m.ImportReportDialog })),
);

/**
 * "Import chats": an SPJ Chat JSON export or ChatGPT's conversations.json. The server answers
 * with a report of what was imported and what was skipped and why, shown until closed.
 */
export function ImportChats() {
  const { refreshConversations } = useShell();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ status: "idle" });

  const upload = async (file: File) => {
    setState({ status: "importing", fileName: file.name });
    try {
      const res = await fetch("/api/conversations/import", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: file,
      });
      const body = (await res.json().catch(() => null)) as (ImportReport & { error?: string }) | null;
      if (!res.ok || !body) throw new Error(body?.error ?? `The import failed (HTTP ${res.status}).`);
      setState({ status: "done", fileName: file.name, report: body });
      if (body.imported.length > 0) refreshConversations();
    } catch (error) {
      const message = error instanceof Error ? error.message : "The import failed.";
      setState({ status: "failed", fileName: file.name, error: message });
    }
  };

  return (
    <>
      <button
        type="button"
        data-testid="import-button"
        aria-label="Import chats"
        title="Import chats (SPJ Chat or ChatGPT export)"
        disabled={state.status === "importing"}
        onClick={() => input.current?.click()}
        className="flex size-9 shrink-0 items-center justify-center rounded-lg text-zinc-500 transition-colors hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:cursor-wait dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        {state.status === "importing" ? (
          <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
        ) : (
          <Upload className="size-4" aria-hidden="true" />
        )}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        data-testid="import-input"
        className="hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void upload(file);
        }}
      />
      {(state.status === "done" || state.status === "failed") && (
        <Suspense fallback={null}>
          <ImportReportDialog state={state} onClose={() => setState({ status: "idle" })} />
        </Suspense>
      )}
    </>
  );
}
