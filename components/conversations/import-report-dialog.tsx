"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useShell } from "@/components/chat/shell-context";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { ImportReport } from "@/lib/conversations/import";

export type ImportState =
  | { status: "idle" }
  | { status: "importing"; fileName: string }
  | { status: "done"; fileName: string; report: ImportReport }
  | { status: "failed"; fileName: string; error: string };

/** What an import did: the chats imported (links to them) and those skipped, with why. */
export function ImportReportDialog({
  state,
  onClose,
}: {
  state: Extract<ImportState, { status: "done" | "failed" }>;
  onClose: () => void;
}) {
  const { setSidebarOpen } = useShell();
  const report = state.status === "done" ? state.report : null;
  return (
    <ModalDialog
      open
      onClose={onClose}
      title={report ? importSummary(report) : "Nothing was imported"}
      description={state.fileName}
      testId="import-report"
      className="w-[min(32rem,calc(100vw-2rem))]"
    >
      <div className="scroll-thin max-h-[60vh] space-y-4 overflow-y-auto px-5 pt-4 pb-5 text-sm sm:px-6">
        {state.status === "failed" && (
          <p role="alert" data-testid="import-error" className="flex items-start gap-2 text-red-700 dark:text-red-400">
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            {state.error}
          </p>
        )}
        {report && report.imported.length > 0 && (
          <ul data-testid="import-imported" className="space-y-2">
            {report.imported.map((c) => (
              <li key={c.id} className="flex items-start gap-2">
                <CircleCheck className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden="true" />
                <div className="min-w-0">
                  <Link
                    href={`/c/${c.id}`}
                    onClick={() => {
                      onClose();
                      setSidebarOpen(false);
                    }}
                    className="font-medium text-zinc-900 underline-offset-2 hover:underline dark:text-zinc-100"
                  >
                    {c.title}
                  </Link>
                  <span className="text-zinc-500"> · {plural(c.messages, "message")}</span>
                  {c.notes.length > 0 && <p className="text-xs text-zinc-500">{c.notes.join("; ")}</p>}
                </div>
              </li>
            ))}
          </ul>
        )}
        {report && report.skipped.length > 0 && (
          <div>
            <h3 className="pb-1.5 text-xs font-medium text-zinc-500">Skipped</h3>
            <ul data-testid="import-skipped" className="space-y-2">
              {report.skipped.map((s) => (
                <li key={s.position} className="flex items-start gap-2">
                  <CircleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden="true" />
                  <span className="min-w-0 text-zinc-700 dark:text-zinc-300">
                    <span className="font-medium">{s.title || `Conversation ${s.position}`}</span>: {s.reason}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </ModalDialog>
  );
}

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function importSummary(report: ImportReport): string {
  const imported = `Imported ${plural(report.imported.length, "chat")}`;
  return report.skipped.length > 0 ? `${imported}, skipped ${report.skipped.length.toLocaleString("en")}` : imported;
}
