import { describe, expect, it } from "vitest";
import type { GenerationDelta } from "@/lib/providers/types";
import { addDelta, addDeltas, emptyBuilder, finishParts } from "./parts-builder";

const stream = (...deltas: [GenerationDelta, number][]) =>
  addDeltas(
    emptyBuilder,
    deltas.map(([delta, at]) => ({ delta, at })),
  );

describe("building an answer's parts from its stream", () => {
  it("grows one part per run of text or reasoning, timing the reasoning until something else comes", () => {
    const built = stream(
      [{ type: "reasoning", text: "The user " }, 1000],
      [{ type: "reasoning", text: "wants a haiku." }, 1500],
      [{ type: "text", text: "Autumn " }, 3400],
      [{ type: "text", text: "moon" }, 3500],
    );
    expect(finishParts(built, 9999)).toEqual([
      { type: "reasoning", text: "The user wants a haiku.", durationMs: 2400 },
      { type: "text", text: "Autumn moon" },
    ]);
  });

  it("gives reasoning still open at the end the time until the end", () => {
    const built = stream([{ type: "reasoning", text: "hmm" }, 100]);
    expect(built.parts).toEqual([{ type: "reasoning", text: "hmm" }]);
    expect(finishParts(built, 350)).toEqual([{ type: "reasoning", text: "hmm", durationMs: 250 }]);
  });

  it("assembles interleaved tool-call fragments by their index, each call in the place it started", () => {
    const built = stream(
      [{ type: "text", text: "Checking both." }, 1],
      [{ type: "tool-call", index: 0, id: "call_a", name: "get_weather", arguments: '{"ci' }, 2],
      [{ type: "tool-call", index: 1, id: "call_b", name: "get_time", arguments: "" }, 3],
      [{ type: "tool-call", index: 0, arguments: 'ty":"Paris"}' }, 4],
      [{ type: "tool-call", index: 1, arguments: '{"tz":"CET"}' }, 5],
    );
    expect(finishParts(built, 6)).toEqual([
      { type: "text", text: "Checking both." },
      { type: "tool-call", id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "tool-call", id: "call_b", name: "get_time", arguments: '{"tz":"CET"}' },
    ]);
  });

  it("starts a new text part after a tool call, and a new reasoning part after text", () => {
    const built = stream(
      [{ type: "text", text: "a" }, 1],
      [{ type: "tool-call", index: 0, id: "c", name: "f", arguments: "{}" }, 2],
      [{ type: "text", text: "b" }, 3],
      [{ type: "reasoning", text: "r" }, 4],
    );
    expect(finishParts(built, 10).map((p) => p.type)).toEqual(["text", "tool-call", "text", "reasoning"]);
  });

  it("ignores empty deltas and never changes the builder it was given", () => {
    const before = addDelta(emptyBuilder, { type: "text", text: "x" }, 1);
    const after = addDelta(before, { type: "text", text: "" }, 2);
    addDelta(before, { type: "text", text: "y" }, 3);
    expect(before.parts).toEqual([{ type: "text", text: "x" }]);
    expect(after.parts).toEqual([{ type: "text", text: "x" }]);
  });
});
