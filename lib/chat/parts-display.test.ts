import { describe, expect, it } from "vitest";
import { displayBlocks, prettyJson, thoughtLabel } from "./parts-display";

describe("parts as shown", () => {
  it("says how long the model thought", () => {
    expect(thoughtLabel(undefined)).toBe("Thought for a moment");
    expect(thoughtLabel(400)).toBe("Thought for a moment");
    expect(thoughtLabel(12_400)).toBe("Thought for 12 s");
    expect(thoughtLabel(125_000)).toBe("Thought for 2 min 5 s");
    expect(thoughtLabel(120_000)).toBe("Thought for 2 min");
  });

  it("indents JSON and leaves anything else as written", () => {
    expect(prettyJson('{"city":"Paris"}')).toBe('{\n  "city": "Paris"\n}');
    expect(prettyJson('{"city":')).toBe('{"city":');
  });

  it("folds each result into its call's block, keeping results without a call", () => {
    const blocks = displayBlocks([
      { type: "tool-call", id: "a", name: "f", arguments: "{}" },
      { type: "tool-call", id: "b", name: "g", arguments: "{}" },
      { type: "tool-result", callId: "a", content: "A" },
      { type: "tool-result", callId: "zz", content: "?" },
      { type: "text", text: "done" },
    ]);
    expect(blocks).toEqual([
      {
        type: "tool",
        call: { type: "tool-call", id: "a", name: "f", arguments: "{}" },
        result: { type: "tool-result", callId: "a", content: "A" },
      },
      { type: "tool", call: { type: "tool-call", id: "b", name: "g", arguments: "{}" }, result: null },
      { type: "orphan-result", result: { type: "tool-result", callId: "zz", content: "?" } },
      { type: "text", text: "done" },
    ]);
  });
});
