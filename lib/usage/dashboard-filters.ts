import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The dashboard's filters, as they travel in the URL's search params (pages and the CSV export
 * read the same ones). Days are UTC "YYYY-MM-DD", both ends included.
 */
export interface UsageFilters {
  from: string;
  to: string;
  workspaceId?: string;
  model?: string;
  userId?: string;
}

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates must look like 2025-01-31")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      error: "Not a valid date",
    },
  );
const Id = z.string().trim().min(1).max(64);

const FiltersSchema = z.object({
  from: Day.optional(),
  to: Day.optional(),
  workspace: Id.optional(),
  model: z.string().trim().min(1).max(100).optional(),
  user: Id.optional(),
});

export type SearchParams = Record<string, string | string[] | undefined>;

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** The first day of `day`'s month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Parses the filters; an absent range is the last 30 days. Bad input is a 400, not a guess. */
export function parseUsageFilters(params: SearchParams, now = new Date()): UsageFilters {
  const first = (key: string) => {
    const value = params[key];
    const one = Array.isArray(value) ? value[0] : value;
    return one === "" ? undefined : one;
  };
  const parsed = FiltersSchema.safeParse({
    from: first("from"),
    to: first("to"),
    workspace: first("workspace"),
    model: first("model"),
    user: first("user"),
  });
  if (!parsed.success) throw new AppError("invalid_request", parsed.error.issues[0]?.message ?? "Invalid filters");
  const f = parsed.data;
  const to = f.to ?? dayOf(now);
  const from = f.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new AppError("invalid_request", "The start date must not be after the end date");
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) {
    throw new AppError("invalid_request", `Choose at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to, workspaceId: f.workspace, model: f.model, userId: f.user };
}

/** The filters as search params again (for links and the export), without empty ones. */
export function filtersToParams(f: UsageFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: f.from, to: f.to });
  if (f.workspaceId) params.set("workspace", f.workspaceId);
  if (f.model) params.set("model", f.model);
  if (f.userId) params.set("user", f.userId);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
