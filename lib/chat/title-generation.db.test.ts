import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { setQuotas } from "@/lib/admin/quotas";
import { renameConversation } from "@/lib/conversations/manage";
import { db } from "@/lib/db/client";
import { collect, createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { textParts } from "./parts";
import { startChat } from "./pipeline";
import { titleAfterFirstAnswer } from "./title-generation";

const upstream = withLocalUpstream();
beforeAll(() => {
  vi.stubEnv("CHAT_TITLE_MODEL", "");
});
afterAll(() => vi.unstubAllEnvs());

const QUESTION = "Explain **binary search** in Go with a short example, please";

/** A new chat's first turn, answered; then its title is generated as the browser's door does. */
async function newChat(question = QUESTION) {
  const actor = await createTestActor();
  const run = await startChat({ actor, messages: [{ role: "user", parts: textParts(question) }] });
  const { outcome } = await collect(run);
  expect(outcome.status).toBe("COMPLETE");
  return { actor, run, titled: () => titleAfterFirstAnswer(run, actor, question) };
}

const conversation = (id: string) =>
  db().conversation.findUniqueOrThrow({ where: { id }, select: { title: true, titleSource: true } });
const ledger = (conversationId: string) =>
  db().usageEvent.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });

describeDb("generated titles", () => {
  it("replaces the first message's line with the model's title, without Markdown, as one more ledger row", async () => {
    const { actor, run, titled } = await newChat();
    // Until the title comes, the first line without its Markdown.
    expect(run.title).toBe("Explain binary search in Go with a short example, please");
    const title = await titled();
    // The local upstream answers "**Explain binary search in Go with a short**.": cleaned.
    expect(title).toBe("Explain binary search in Go with a short");
    expect(await conversation(run.conversationId)).toEqual({ title, titleSource: "GENERATED" });

    const rows = await ledger(run.conversationId);
    expect(rows.map((r) => [r.purpose, r.outcome])).toEqual([
      ["CHAT", "OK"],
      ["TITLE", "OK"],
    ]);
    const titleRow = rows[1];
    expect(titleRow?.promptTokens).toBeGreaterThan(0);
    expect(titleRow?.completionTokens).toBeGreaterThan(0);
    const [request] = upstream.current.requests.slice(-1);
    expect(JSON.stringify(request?.messages)).toContain("in the language the user wrote in");

    // The dashboards' rollups and the month's quota count the title call too.
    const daily = await db().usageDaily.aggregate({
      where: { workspaceId: actor.workspaceId },
      _sum: { requests: true, promptTokens: true, completionTokens: true },
    });
    expect(daily._sum).toEqual({
      requests: 2,
      promptTokens: rows.reduce((n, r) => n + r.promptTokens, 0),
      completionTokens: rows.reduce((n, r) => n + r.completionTokens, 0),
    });
    const counter = await db().quotaCounter.findFirstOrThrow({ where: { workspaceId: actor.workspaceId, userId: "" } });
    expect(counter.used).toBe(rows.reduce((n, r) => n + r.promptTokens + r.completionTokens, 0));
    expect(counter.reserved).toBe(0);
  });

  it("spends no tokens past the quota: with too few left, no title call and the first line stays", async () => {
    const { actor, run, titled } = await newChat();
    const used = (await db().quotaCounter.findFirstOrThrow({ where: { workspaceId: actor.workspaceId, userId: "" } }))
      .used;
    await setQuotas(actor.email, { tokens: String(used + 10) });
    const before = upstream.current.requests.length;

    expect(await titled()).toBeNull();
    expect(upstream.current.requests.length).toBe(before);
    expect(await conversation(run.conversationId)).toMatchObject({ titleSource: "FIRST_MESSAGE" });
    expect((await ledger(run.conversationId)).map((r) => r.purpose)).toEqual(["CHAT"]);
    const counter = await db().quotaCounter.findFirstOrThrow({ where: { workspaceId: actor.workspaceId, userId: "" } });
    expect(counter).toMatchObject({ used, reserved: 0 });
  });

  it("never replaces a title the user gave, even when the generated one arrives after the rename", async () => {
    const { actor, run, titled } = await newChat();
    await renameConversation(actor, run.conversationId, "My Go notes");
    expect(await titled()).toBeNull();
    expect(await conversation(run.conversationId)).toEqual({ title: "My Go notes", titleSource: "USER" });
    // The call was made and paid for all the same.
    expect((await ledger(run.conversationId)).map((r) => r.purpose)).toEqual(["CHAT", "TITLE"]);
  });

  it("keeps the first message's cleaned line when the title model fails, and records the failed call", async () => {
    const { run, titled } = await newChat();
    upstream.current.enqueueFault({ status: 500, title: true });
    expect(await titled()).toBeNull();
    expect(await conversation(run.conversationId)).toEqual({
      title: "Explain binary search in Go with a short example, please",
      titleSource: "FIRST_MESSAGE",
    });
    const titleRow = (await ledger(run.conversationId)).find((r) => r.purpose === "TITLE");
    expect(titleRow).toMatchObject({ outcome: "ERROR", promptTokens: 0, completionTokens: 0 });
    expect(titleRow?.error).toContain("500");
  });

  it("makes no call when titles are turned off", async () => {
    vi.stubEnv("CHAT_TITLE_MODEL", "none");
    try {
      const { run, titled } = await newChat();
      const before = upstream.current.requests.length;
      expect(await titled()).toBeNull();
      expect(upstream.current.requests.length).toBe(before);
      expect((await ledger(run.conversationId)).map((r) => r.purpose)).toEqual(["CHAT"]);
    } finally {
      vi.stubEnv("CHAT_TITLE_MODEL", "");
    }
  });
});
