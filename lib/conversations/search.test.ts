import { describe, expect, it } from "vitest";
import { MATCH_END, MATCH_START } from "@/lib/db/search";
import { highlightedParts, searchTerms, snippetLine } from "./search";

describe("searchTerms", () => {
  it("keeps words of letters and digits in any script, lowercased, once each", () => {
    expect(searchTerms("  Kubernetes  kubernetes, Café 42 日本語 ")).toEqual(["kubernetes", "café", "42", "日本語"]);
  });

  it("turns every FTS5 and tsquery operator into a separator", () => {
    expect(searchTerms(`"deploy" OR web* NEAR(a b) -x & y | !z :* ' (c)`)).toEqual([
      "deploy",
      "or",
      "web",
      "near",
      "a",
      "b",
      "x",
      "y",
    ]);
    expect(searchTerms(`*** "" ()`)).toEqual([]);
  });

  it("caps the number and length of terms", () => {
    expect(searchTerms("a b c d e f g h i j")).toHaveLength(8);
    expect(searchTerms("x".repeat(100))[0]).toHaveLength(64);
  });
});

describe("highlightedParts", () => {
  it("splits marked text into plain and matched parts", () => {
    expect(highlightedParts(`We ${MATCH_START}deploy${MATCH_END} on ${MATCH_START}Friday${MATCH_END}`)).toEqual([
      { text: "We ", match: false },
      { text: "deploy", match: true },
      { text: " on ", match: false },
      { text: "Friday", match: true },
    ]);
  });

  it("joins neighbouring matches and survives unbalanced markers", () => {
    expect(highlightedParts(`${MATCH_START}a${MATCH_END}${MATCH_START}b${MATCH_END} c${MATCH_END}`)).toEqual([
      { text: "ab", match: true },
      { text: " c", match: false },
    ]);
    expect(highlightedParts("")).toEqual([]);
  });
});

describe("snippetLine", () => {
  it("keeps a few words before the first match, on one line", () => {
    const parts = highlightedParts(
      `one two\nthree four five six seven eight nine ${MATCH_START}ten${MATCH_END} eleven`,
    );
    expect(snippetLine(parts)).toEqual([
      { text: "…four five six seven eight nine ", match: false },
      { text: "ten", match: true },
      { text: " eleven", match: false },
    ]);
    const short = highlightedParts(`a b ${MATCH_START}c${MATCH_END}`);
    expect(snippetLine(short)).toEqual(short);
  });
});
