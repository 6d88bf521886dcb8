import { describe, expect, it } from "vitest";
import type { MessageOutline } from "@/lib/db/conversations";
import { windowOf } from "./message-window";

/** A linear chain m0 → m1 → … of `n` messages, each answer 10 tokens. */
const chain = (n: number, prefix = "m", parent: string | null = null): MessageOutline[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    parentId: i === 0 ? parent : `${prefix}${i - 1}`,
    promptTokens: i % 2 ? 4 : null,
    completionTokens: i % 2 ? 6 : null,
  }));

const ids = (from: number, to: number, prefix = "m") =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe("windowOf", () => {
  it("opens with the newest messages of the branch and counts the tokens of the rest", () => {
    const window = windowOf(chain(200), { leafId: null, branchOnly: false, size: 50 });
    expect(window).toEqual({ ids: ids(150, 200), leafId: "m199", hasOlder: true, unloadedTokens: 75 * 10 });
  });

  it("loads the page before the oldest message loaded, then the rest, and nothing twice", () => {
    const outline = chain(120);
    const second = windowOf(outline, { leafId: null, branchOnly: false, before: "m70", size: 50 });
    expect(second).toMatchObject({ ids: ids(20, 70), hasOlder: true, unloadedTokens: 10 * 10 });
    const third = windowOf(outline, { leafId: null, branchOnly: false, before: "m20", size: 50 });
    expect(third).toMatchObject({ ids: ids(0, 20), hasOlder: false, unloadedTokens: 0 });
  });

  it("gives the owner every version under the window, so switching versions needs no request", () => {
    // m0…m99, and an edit of m80 that started another branch (e0 → e1 → e2) under m79.
    const outline = [...chain(100), ...chain(3, "e", "m79")];
    const window = windowOf(outline, { leafId: "m99", branchOnly: false, size: 30 });
    expect(window?.ids).toEqual([...ids(70, 100), ...ids(0, 3, "e")]);
    // A colleague reads the branch shown only.
    const shared = windowOf(outline, { leafId: "m99", branchOnly: true, size: 30 });
    expect(shared?.ids).toEqual(ids(70, 100));
  });

  it("loads down to a message jumped to, in the branch shown or in another version", () => {
    const outline = [...chain(300), ...chain(2, "e", "m9")];
    const toOld = windowOf(outline, { leafId: "m299", branchOnly: false, before: "m250", through: "m100", size: 50 });
    expect(toOld?.ids.slice(0, 2)).toEqual(["m100", "m101"]);
    expect(toOld?.ids.at(-1)).toBe("m249");
    expect(toOld?.hasOlder).toBe(true);
    // The edit under m9 is another version of m10: loading through it loads from m10 on.
    const toVersion = windowOf(outline, { leafId: "m299", branchOnly: false, before: "m250", through: "e1", size: 50 });
    expect(toVersion?.ids).toEqual([...ids(10, 250), "e0", "e1"]);
  });

  it("follows the branch the owner shows, and refuses an unknown message", () => {
    const outline = [...chain(10), ...chain(5, "e", "m3")];
    expect(windowOf(outline, { leafId: "m9", branchOnly: true, size: 50 })?.ids).toEqual(ids(0, 10));
    expect(windowOf(outline, { leafId: null, branchOnly: true, size: 50 })?.ids).toEqual([
      ...ids(0, 4),
      ...ids(0, 5, "e"),
    ]);
    expect(windowOf(outline, { leafId: null, branchOnly: false, before: "nope" })).toBeNull();
  });
});
