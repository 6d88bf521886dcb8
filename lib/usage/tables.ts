import type { UsageSums } from "@/lib/db/usage";

/**
 * The dashboard's tables as data: the pages render them and the CSV export serializes the very
 * same rows and columns, so an export is exactly what was shown.
 */
export type ColumnKind = "text" | "count" | "cost" | "percent";

export interface Column {
  label: string;
  kind: ColumnKind;
}

/** A cost cell: dollars over the priced calls, and how many calls had no price. */
export interface CostCell {
  dollars: number;
  unpriced: number;
  requests: number;
}

export type Cell = string | number | CostCell | null;

export interface TableRow {
  cells: Cell[];
  /** Where the row's first cell links to (a drill-down). */
  href?: string;
}

export interface Table {
  title: string;
  columns: Column[];
  rows: TableRow[];
}

export const SUM_COLUMNS: Column[] = [
  { label: "Requests", kind: "count" },
  { label: "Errors", kind: "count" },
  { label: "Tokens in", kind: "count" },
  { label: "Tokens out", kind: "count" },
  { label: "Cost", kind: "cost" },
];

export function sumCells(s: UsageSums): Cell[] {
  return [
    s.requests,
    s.errors,
    s.promptTokens,
    s.completionTokens,
    { dollars: s.cost, unpriced: s.unpricedRequests, requests: s.requests },
  ];
}

/** "unpriced" when no call had a price — never "$0" — and the unpriced calls beside a sum. */
export function formatCost(c: CostCell): string {
  if (c.requests > 0 && c.unpriced === c.requests) return "unpriced";
  const dollars = c.dollars < 0.01 && c.dollars > 0 ? `$${c.dollars.toFixed(4)}` : `$${c.dollars.toFixed(2)}`;
  return c.unpriced > 0 ? `${dollars} + ${c.unpriced} unpriced` : dollars;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** A cell as the page shows it. */
export function formatCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return "—";
  if (typeof cell === "object") return formatCost(cell);
  if (kind === "count" && typeof cell === "number") return formatCount(cell);
  if (kind === "percent" && typeof cell === "number") return `${cell.toFixed(1)}%`;
  return String(cell);
}

/** A cell in the CSV: the same value, numbers without thousands separators. */
function csvValue(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return "";
  if (typeof cell === "object") return formatCost(cell);
  if (typeof cell === "number") return kind === "percent" ? cell.toFixed(1) : String(cell);
  return cell;
}

function csvField(value: string): string {
  // Quote what needs it, and neutralize spreadsheet formulas in user-provided names.
  const safe = /^[=+\-@\t\r]/.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvField(c.label)).join(",")];
  for (const row of table.rows) {
    lines.push(row.cells.map((cell, i) => csvField(csvValue(cell, table.columns[i]?.kind ?? "text"))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
