import { describe, expect, it } from "vitest";
import { partsColumns, partsOfRow } from "./message-parts";

describe("message parts columns", () => {
  it("derives content from the text parts only", () => {
    expect(
      partsColumns([
        { type: "reasoning", text: "hmm" },
        { type: "text", text: "a" },
        { type: "tool-call", id: "1", name: "f", arguments: "{}" },
        { type: "text", text: "b" },
      ]).content,
    ).toBe("ab");
    expect(partsColumns([])).toEqual({ parts: "[]", content: "" });
  });

  it("shows a row's plain text when its parts cannot be read", () => {
    expect(partsOfRow({ parts: "not json", content: "kept" })).toEqual([{ type: "text", text: "kept" }]);
    expect(partsOfRow({ parts: '[{"type":"mystery"}]', content: "kept" })).toEqual([{ type: "text", text: "kept" }]);
    expect(partsOfRow({ parts: "[]", content: "" })).toEqual([]);
    expect(partsOfRow({ parts: "[]", content: "written without parts" })).toEqual([
      { type: "text", text: "written without parts" },
    ]);
  });
});
