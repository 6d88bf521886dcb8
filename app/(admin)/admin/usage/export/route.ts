import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { loadUsageReport, REPORT_TABLES, requireAdminScope } from "@/lib/usage/dashboard";
import { parseUsageFilters } from "@/lib/usage/dashboard-filters";
import { toCsv } from "@/lib/usage/tables";

const TableSchema = z.enum(REPORT_TABLES, { error: `table must be one of ${REPORT_TABLES.join(", ")}` });

/** CSV of one dashboard table: the same filters, the same authorization, the same rows as shown. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const scope = await requireAdminScope(actor);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const table = TableSchema.safeParse(params.table);
    if (!table.success) throw new AppError("invalid_request", table.error.issues[0]?.message ?? "Unknown table");
    const filters = parseUsageFilters(params);
    const report = await loadUsageReport(scope, filters);
    return new Response(toCsv(report.tables[table.data]), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="usage-${table.data}-${filters.from}-to-${filters.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
