import { describe, expect, it } from "vitest";
import { inline } from "./postgres-units";
import { sql } from "./unit-of-work";

describe("a statement's values written in as literals (one simple query on PostgreSQL)", () => {
  it("quotes text whatever it holds, and never reads a value as a placeholder", () => {
    const text = `O'Brien said "?" \\ $1; DROP TABLE "Message"; --\nnext line`;
    expect(inline(sql`UPDATE "T" SET "a" = ${text}, "b" = ${"?"} WHERE "id" = ${"x"}`)).toBe(
      `UPDATE "T" SET "a" =  E'O''Brien said "?" \\\\ $1; DROP TABLE "Message"; --\nnext line', "b" = '?' WHERE "id" = 'x'`,
    );
  });

  it("writes numbers, NULL and dates (as Prisma stores them: UTC)", () => {
    const at = new Date("2026-12-04T05:06:07.089Z");
    expect(inline(sql`VALUES (${3}, ${0.25}, ${null}, ${at})`)).toBe(
      `VALUES (3, 0.25, NULL, '2026-12-04T05:06:07.089Z')`,
    );
  });

  it("puts a negative number in parentheses: after a minus sign it would start a comment", () => {
    expect(inline(sql`SET "reserved" = "reserved" -${-5}`)).toBe(`SET "reserved" = "reserved" -(-5)`);
  });

  it("refuses what SQL cannot hold and placeholders without their values", () => {
    expect(() => inline(sql`VALUES (${Number.NaN})`)).toThrow(/not a number/);
    expect(() => inline(sql`VALUES (${Number.POSITIVE_INFINITY})`)).toThrow(/not a number/);
    expect(() => inline({ text: "VALUES (?, ?)", values: [1] })).toThrow(/placeholders/);
    expect(() => inline({ text: "VALUES (?)", values: [1, 2] })).toThrow(/placeholders/);
  });
});
