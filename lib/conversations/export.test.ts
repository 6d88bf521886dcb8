import { describe, expect, it } from "vitest";
import { type MessagePart, plainTextOf, textParts } from "@/lib/chat/parts";
import type { ConversationRecord, MessageRecord } from "@/lib/db/conversations";
import { slug, toExportFile, toMarkdown } from "./export";
import { ExportFile } from "./export-format";
import { draftFromSpjFile } from "./import/spj";

const conversation: ConversationRecord = {
  id: "c1",
  workspaceId: "w1",
  ownerId: "u1",
  title: "Deploy  plan\nfor Friday",
  model: "llama-3.3-70b-versatile",
  systemPrompt: "Be brief.\nUse lists.",
  visibility: "PRIVATE",
  temperature: 0.4,
  maxTokens: null,
  activeLeafId: "a2",
  updatedAt: new Date("2026-03-01T10:00:00Z"),
};

const message = (id: string, parentId: string | null, role: MessageRecord["role"], content: string, extra = {}) =>
  ({
    id,
    parentId,
    role,
    content,
    parts: textParts(content),
    status: "COMPLETE",
    error: null,
    model: role === "assistant" ? "llama-3.3-70b-versatile" : null,
    promptTokens: null,
    completionTokens: null,
    tokenSource: null,
    createdAt: new Date(`2026-03-01T09:00:0${id.length}Z`),
    ...extra,
  }) as MessageRecord;

const messages = [
  message("q", null, "user", "How do we deploy?"),
  message("a1", "q", "assistant", "Old answer"),
  message("a2", "q", "assistant", "## Steps\n\n1. Build\n2. Ship", { status: "STOPPED" }),
];

describe("toMarkdown", () => {
  it("writes the branch shown, with speakers, the system prompt and how answers ended", () => {
    expect(toMarkdown(conversation, messages)).toBe(
      [
        "# Deploy plan for Friday",
        "",
        "*Model: llama-3.3-70b-versatile · Last updated 2026-03-01*",
        "",
        "> System prompt: Be brief.",
        "> Use lists.",
        "",
        "---",
        "",
        "### You",
        "",
        "How do we deploy?",
        "",
        "---",
        "",
        "### Assistant (llama-3.3-70b-versatile)",
        "",
        "## Steps",
        "",
        "1. Build",
        "2. Ship",
        "",
        "*(stopped)*",
        "",
      ].join("\n"),
    );
  });

  it("reads conversations saved before branches as one chain, without failed empty answers", () => {
    const legacy = [
      message("q", null, "user", "One"),
      message("a1", null, "assistant", "", { status: "ERROR", error: "Upstream down" }),
      message("a2", null, "assistant", "Two"),
    ];
    const text = toMarkdown({ ...conversation, activeLeafId: null, systemPrompt: null }, legacy);
    expect(text).toContain("One\n\n---\n\n### Assistant (llama-3.3-70b-versatile)\n\nTwo\n");
    expect(text).not.toContain("failed");
  });
});

const TOOL_ANSWER: MessagePart[] = [
  { type: "reasoning", text: "Need the weather.\nCall the tool.", durationMs: 3200 },
  { type: "tool-call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
  { type: "tool-result", callId: "call_1", content: "18 °C, ```sunny```" },
  { type: "text", text: "It is 18 °C." },
];
const withParts = (id: string, parentId: string | null, parts: MessagePart[]) =>
  message(id, parentId, "assistant", plainTextOf(parts), { parts });

describe("toMarkdown with parts", () => {
  it("folds reasoning away and shows tool calls with their results as code", () => {
    const text = toMarkdown({ ...conversation, activeLeafId: "t" }, [
      messages[0] as MessageRecord,
      withParts("t", "q", TOOL_ANSWER),
    ]);
    expect(text).toContain(
      [
        "<details>",
        "<summary>Thought for 3 s</summary>",
        "",
        "> Need the weather.",
        "> Call the tool.",
        "",
        "</details>",
        "",
        "**Tool call: `get_weather`**",
        "",
        "```json",
        '{\n  "city": "Paris"\n}',
        "```",
        "",
        "**Result:**",
        "",
        "````",
        "18 °C, ```sunny```",
        "````",
        "",
        "It is 18 °C.",
      ].join("\n"),
    );
  });
});

describe("toExportFile", () => {
  it("keeps every part, and reads files written before parts as text", () => {
    const file = toExportFile(conversation, [...messages, withParts("t", "q", TOOL_ANSWER)], new Date());
    const parsed = ExportFile.parse(JSON.parse(JSON.stringify(file)));
    expect(parsed.conversation.messages.at(-1)).toMatchObject({ parts: TOOL_ANSWER, content: "It is 18 °C." });
    // A file written before parts existed: each message's content is its one text part.
    const old = structuredClone(file);
    for (const m of old.conversation.messages) delete m.parts;
    expect(draftFromSpjFile(old).messages.map((m) => m.parts)).toEqual([
      textParts("How do we deploy?"),
      textParts("Old answer"),
      textParts("## Steps\n\n1. Build\n2. Ship"),
      textParts("It is 18 °C."),
    ]);
  });

  it("writes a file the importer's schema accepts, with every message and branch", () => {
    const file = toExportFile(conversation, messages, new Date("2026-03-02T00:00:00Z"));
    const parsed = ExportFile.parse(JSON.parse(JSON.stringify(file)));
    expect(parsed.conversation.messages.map((m) => [m.id, m.parentId])).toEqual([
      ["q", null],
      ["a1", "q"],
      ["a2", "q"],
    ]);
    expect(parsed.conversation).toMatchObject({
      activeLeafId: "a2",
      temperature: 0.4,
      systemPrompt: "Be brief.\nUse lists.",
    });
  });
});

describe("slug", () => {
  it("makes a header-safe file name", () => {
    expect(slug("Café: «Déjà vu» — notes/2026!")).toBe("cafe-deja-vu-notes-2026");
    expect(slug("日本語")).toBe("");
    expect(slug("a".repeat(80))).toHaveLength(60);
  });
});
