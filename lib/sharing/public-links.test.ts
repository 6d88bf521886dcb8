import { describe, expect, it } from "vitest";
import { type Snapshot, SnapshotPageQuery, snapshotPage } from "./public-links";

const snapshot = (count: number): Snapshot => ({
  title: "Long",
  messages: Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
    content: `message ${i}`,
    parts: [{ type: "text" as const, text: `message ${i}` }],
    createdAt: new Date(0).toISOString(),
  })),
});
const contents = (page: ReturnType<typeof snapshotPage>) => page.messages.map((m) => m.content);

describe("snapshotPage", () => {
  it("opens on the newest messages and pages back to the first, then forward again", () => {
    const whole = snapshot(120);
    const newest = snapshotPage(whole, undefined, 50);
    expect(contents(newest)).toEqual(whole.messages.slice(70).map((m) => m.content));
    expect(newest).toMatchObject({ start: 70, earlier: 70, later: null, total: 120 });

    const middle = snapshotPage(whole, 70, 50);
    expect(middle).toMatchObject({ start: 20, earlier: 20, later: "newest" });
    expect(contents(middle)[0]).toBe("message 20");

    const first = snapshotPage(whole, 20, 50);
    expect(first).toMatchObject({ start: 0, earlier: null, later: 70 });
    expect(contents(first)).toHaveLength(20);
    expect(snapshotPage(whole, first.later as number, 50).start).toBe(20);
  });

  it("shows a short snapshot whole, with no pages, and an empty one empty", () => {
    expect(snapshotPage(snapshot(12), undefined, 50)).toMatchObject({ start: 0, earlier: null, later: null });
    expect(contents(snapshotPage(snapshot(12), undefined, 50))).toHaveLength(12);
    expect(snapshotPage(snapshot(0), undefined, 50)).toMatchObject({ messages: [], earlier: null, later: null });
  });

  it("reads ?before= leniently: past the end is the newest page, anything else that is not a position is ignored", () => {
    expect(snapshotPage(snapshot(120), 10_000, 50).start).toBe(70);
    for (const bad of ["0", "-3", "abc", "1.5", ["20", "30"], ""]) expect(SnapshotPageQuery.parse(bad)).toBeUndefined();
    expect(SnapshotPageQuery.parse("70")).toBe(70);
    expect(SnapshotPageQuery.parse(undefined)).toBeUndefined();
  });
});
