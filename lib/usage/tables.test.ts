import { describe, expect, it } from "vitest";
import { formatCell, formatCost, type Table, toCsv } from "./tables";

describe("usage tables", () => {
  it('shows an unpriced model as "unpriced", never $0, and names the unpriced part of a sum', () => {
    expect(formatCost({ dollars: 0, unpriced: 3, requests: 3 })).toBe("unpriced");
    expect(formatCost({ dollars: 0, unpriced: 0, requests: 0 })).toBe("$0.00");
    expect(formatCost({ dollars: 0.0042, unpriced: 0, requests: 2 })).toBe("$0.0042");
    expect(formatCost({ dollars: 12.345, unpriced: 2, requests: 9 })).toBe("$12.35 + 2 unpriced");
    expect(formatCell(1234567, "count")).toBe("1,234,567");
    expect(formatCell(59.66, "percent")).toBe("59.7%");
  });

  it("exports exactly the rows and columns shown, quoted, with spreadsheet formulas neutralized", () => {
    const table: Table = {
      title: "Top users",
      columns: [
        { label: "User", kind: "text" },
        { label: "Tokens in", kind: "count" },
        { label: "Cost", kind: "cost" },
      ],
      rows: [
        { cells: ['Ada "the first", Lovelace', 1234567, { dollars: 1.5, unpriced: 0, requests: 4 }] },
        { cells: ['=HYPERLINK("x")', 0, { dollars: 0, unpriced: 1, requests: 1 }] },
      ],
    };
    expect(toCsv(table)).toBe(
      'User,Tokens in,Cost\r\n"Ada ""the first"", Lovelace",1234567,$1.50\r\n"\'=HYPERLINK(""x"")",0,unpriced\r\n',
    );
  });
});
