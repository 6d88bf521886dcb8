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

  it("gathers an answer's reasoning, tool call, tool output and text into one message's parts", () => {
    const draft = draftFromChatGpt(byTitle("Plot a CSV with pandas"));
    expect(draft.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const answer = draft.messages[1];
    const code =
      "import pandas as pd\ndf = pd.read_csv('/mnt/data/sales.csv')\ndf.groupby('month')['revenue'].sum().plot.bar()";
    expect(answer?.parts).toEqual([
      {
        type: "reasoning",
        text: "**Reading the CSV**\n\nGroup revenue by month, then draw a bar chart with pandas.",
        durationMs: 3000,
      },
      {
        type: "tool-call",
        id: "ec66a787-95e7-41d1-b731-af10506bf2ef",
        name: "python",
        arguments: JSON.stringify({ code }),
      },
      { type: "tool-result", callId: "ec66a787-95e7-41d1-b731-af10506bf2ef", content: "<Axes: xlabel='month'>" },
      { type: "text", text: "Here is the chart: revenue peaks in December, about 38% above the monthly average." },
    ]);
    expect(answer?.model).toBe("gpt-4o");
    expect(draft.notes).toEqual([]);
  });

  it("times reasoning from the recap's words when the export has no duration, and keeps JSON arguments", () => {
    type Loose = { content: Record<string, unknown>; recipient?: string; metadata: Record<string, unknown> } | null;
    const conversation = byTitle("Plot a CSV with pandas") as { mapping: Record<string, { message: Loose }> };
    for (const node of Object.values(conversation.mapping)) {
      const message = node.message;
      if (message?.content.content_type === "reasoning_recap") {
        message.content.content = "Thought for 1m 5s";
        delete message.metadata.finished_duration_sec;
      }
      if (message?.recipient === "python") {
        message.recipient = "dalle.text2im";
        message.content = { content_type: "text", parts: ['{"prompt":"a bar chart"}'] };
      }
    }
    const parts = draftFromChatGpt(conversation).messages[1]?.parts ?? [];
    expect(parts[0]).toMatchObject({ type: "reasoning", durationMs: 65_000 });
    expect(parts[1]).toMatchObject({ type: "tool-call", name: "dalle.text2im", arguments: '{"prompt":"a bar chart"}' });
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
