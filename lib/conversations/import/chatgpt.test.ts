import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plainTextOf } from "@/lib/chat/parts";
import { draftFromChatGpt } from "./chatgpt";
import { type DraftMessage, SkipConversation } from "./draft";

const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../../../e2e/fixtures/chatgpt-conversations.json"), "utf8"),
) as { title: string; mapping: Record<string, unknown>; current_node: string }[];
const byTitle = (title: string) => {
  const found = fixture.find((c) => c.title === title);
  if (!found) throw new Error(`no "${title}" in the fixture`);
  return structuredClone(found);
};

const textOf = (message: DraftMessage | undefined) => plainTextOf(message?.parts ?? []);

describe("draftFromChatGpt", () => {
  it("follows the branch that ends at current_node, not the regenerated sibling", () => {
    const draft = draftFromChatGpt(byTitle("Kubernetes rolling update without downtime"));
    expect(draft.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(textOf(draft.messages[1])).toContain("maxSurge: 1\n```");
    expect(draft.messages.some((m) => textOf(m).includes("one at a time"))).toBe(false);
    expect(draft.messages[1]?.model).toBe("gpt-4o");
    // A linear chain, each following the one before.
    expect(draft.messages.map((m) => m.parentSourceId)).toEqual([
      null,
      ...draft.messages.slice(0, -1).map((m) => m.sourceId),
    ]);
    expect(draft.messages[0]?.createdAt?.toISOString()).toBe("2024-06-10T09:39:06.623Z");
    expect(draft.notes).toEqual([]);
  });

  it("keeps the text of a message with an image, notes the image and custom instructions", () => {
    const draft = draftFromChatGpt(byTitle("Sourdough starter schedule"));
    expect(textOf(draft.messages[0])).toBe(
      "My starter smells like nail polish after three days at 20°C. Is it dead? Photo attached.",
    );
    expect(draft.messages).toHaveLength(4);
    // A partial completion was cut short.
    expect(draft.messages[3]?.status).toBe("STOPPED");
    expect(draft.notes).toEqual(["1 custom instructions message left out", "1 image or file left out"]);
  });

  it("leaves tool calls and their output out, and says so", () => {
    const draft = draftFromChatGpt(byTitle("Plot a CSV with pandas"));
    expect(draft.messages.map((m) => [m.role, textOf(m).slice(0, 20)])).toEqual([
      ["user", "Plot monthly revenue"],
      ["assistant", "Here is the chart: r"],
    ]);
    expect(draft.notes).toEqual(["2 tool calls and results left out"]);
  });

  it("explains a current_node that is not in the mapping", () => {
    expect(() => draftFromChatGpt(byTitle("Broken branch"))).toThrow(
      new SkipConversation('current_node "0b5d7a52-missing-node" is not in its mapping'),
    );
  });

  it("explains a mapping that loops", () => {
    const conversation = byTitle("Plot a CSV with pandas");
    const root = Object.entries(conversation.mapping).find(([, n]) => (n as { parent: unknown }).parent === null);
    (root?.[1] as { parent: string }).parent = conversation.current_node;
    expect(() => draftFromChatGpt(conversation)).toThrow(/loops back/);
  });

  it("names the field that does not match the format", () => {
    const conversation = byTitle("Plot a CSV with pandas") as unknown as { mapping: unknown };
    conversation.mapping = [];
    expect(() => draftFromChatGpt(conversation)).toThrow(/^mapping: /);
  });

  it("uses the newest leaf when an old export has no current_node", () => {
    const conversation = byTitle("Kubernetes rolling update without downtime") as { current_node?: string };
    delete conversation.current_node;
    expect(textOf(draftFromChatGpt(conversation).messages.at(-1))).toContain("readiness");
  });
});
