import { describe, expect, it } from "vitest";
import type { SidebarConversation } from "@/components/chat/types";
import { mergeFirstPage, sidebarRows, upsert } from "./list-state";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
const chat = (id: string, hoursAgo: number, pinnedHoursAgo?: number): SidebarConversation => ({
  id,
  title: id.toUpperCase(),
  updatedAt: at(hoursAgo),
  pinnedAt: pinnedHoursAgo === undefined ? null : at(pinnedHoursAgo),
});
const ids = (list: SidebarConversation[]) => list.map((c) => c.id);

describe("upsert", () => {
  it("keeps pinned first (last pinned on top), then newest first", () => {
    let list = [chat("a", 1), chat("b", 2), chat("c", 3)];
    list = upsert(list, chat("c", 3, 0));
    list = upsert(list, chat("b", 2, 1));
    expect(ids(list)).toEqual(["c", "b", "a"]);
    // Unpinned, it goes back where its date puts it.
    list = upsert(list, chat("c", 3));
    expect(ids(list)).toEqual(["b", "a", "c"]);
    expect(ids(upsert(list, chat("d", 0)))).toEqual(["b", "d", "a", "c"]);
  });
});

describe("mergeFirstPage", () => {
  it("takes the fresh page as the truth for the span it covers, and keeps older loaded pages", () => {
    const loaded = [chat("a", 1), chat("gone", 2), chat("b", 3), chat("c", 50), chat("d", 60)];
    const page = [chat("p", 100, 0), chat("new", 0), chat("a", 1), chat("b", 3)];
    expect(ids(mergeFirstPage(loaded, page, false))).toEqual(["p", "new", "a", "b", "c", "d"]);
    expect(ids(mergeFirstPage(loaded, page, true))).toEqual(["p", "new", "a", "b"]);
  });
});

describe("sidebarRows", () => {
  it("draws a Pinned group, date groups and a row for more", () => {
    const list = [chat("p", 200, 1), chat("a", 1), chat("b", 30), chat("c", 24 * 40)];
    const rows = sidebarRows(list, NOW, true, true).map((r) =>
      r.kind === "group" ? r.label : r.kind === "conversation" ? r.conversation.id : "…",
    );
    expect(rows).toEqual(["Pinned", "p", "Today", "a", "Yesterday", "b", "Older", "c", "…"]);
    expect(sidebarRows([], NOW, true, false)).toEqual([]);
  });
});
