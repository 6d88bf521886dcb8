import { describe, expect, it } from "vitest";
import type { ConversationRecord, MessageRecord } from "@/lib/db/conversations";
import { slug, toExportFile, toMarkdown } from "./export";
import { ExportFile } from "./export-format";

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

describe("toExportFile", () => {
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
