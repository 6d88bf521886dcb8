import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { type AdminScope, adminScopeOf, loadUsageReport, type UsageReport } from "@/lib/usage/dashboard";
import { parseUsageFilters, type SearchParams } from "@/lib/usage/dashboard-filters";

/**
 * The usage pages' common start: the actor's admin scope (else 404) and the report for the URL's
 * filters. Something out of scope is a 404 like something that does not exist; bad filters are
 * shown to the admin rather than guessed at.
 */
export async function pageReport(
  params: SearchParams,
): Promise<{ scope: AdminScope; report: UsageReport } | { scope: AdminScope; error: string }> {
  const actor = await requirePageActor();
  const scope = await adminScopeOf(actor);
  if (!scope) notFound();
  try {
    return { scope, report: await loadUsageReport(scope, parseUsageFilters(params)) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "invalid_request") return { scope, error: error.message };
    throw error;
  }
}
