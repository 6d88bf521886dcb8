import { describe, expect, it } from "vitest";
import { periodsOf } from "./usage-totals";

describe("periodsOf", () => {
  it("takes the months a range covers whole and leaves the days at its ends", () => {
    expect(periodsOf("2026-01-25", "2026-04-10", "2026-11-22")).toEqual({
      months: ["2026-02", "2026-03"],
      days: [
        { from: "2026-01-25", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
  });

  it("takes a month whole from its first day to its last, leap years included", () => {
    expect(periodsOf("2024-02-01", "2024-02-29", "2026-11-22")).toEqual({ months: ["2024-02"], days: [] });
    expect(periodsOf("2023-02-01", "2023-02-28", "2026-11-22")).toEqual({ months: ["2023-02"], days: [] });
    expect(periodsOf("2024-02-01", "2024-02-28", "2026-11-22")).toEqual({
      months: [],
      days: [{ from: "2024-02-01", to: "2024-02-28" }],
    });
  });

  it("takes the current month whole once the range reaches today, since nothing is later", () => {
    expect(periodsOf("2026-10-24", "2026-11-22", "2026-11-22")).toEqual({
      months: ["2026-11"],
      days: [{ from: "2026-10-24", to: "2026-10-31" }],
    });
    expect(periodsOf("2026-11-01", "2026-11-21", "2026-11-22")).toEqual({
      months: [],
      days: [{ from: "2026-11-01", to: "2026-11-21" }],
    });
  });

  it("crosses years, and keeps a range inside one month or an empty one as days", () => {
    expect(periodsOf("2025-12-01", "2026-01-31", "2026-11-22").months).toEqual(["2025-12", "2026-01"]);
    expect(periodsOf("2026-03-05", "2026-03-09", "2026-11-22")).toEqual({
      months: [],
      days: [{ from: "2026-03-05", to: "2026-03-09" }],
    });
    expect(periodsOf("2026-05-02", "2026-03-09", "2026-11-22")).toEqual({
      months: [],
      days: [{ from: "2026-05-02", to: "2026-03-09" }],
    });
  });
});
