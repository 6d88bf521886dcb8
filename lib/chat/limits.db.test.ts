import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { startChat } from "./pipeline";
import { saveChatSettings } from "./settings";

withLocalUpstream();

async function trialActor() {
  const actor = await createTestActor("Tess Trial");
  await db().workspace.update({ where: { id: actor.workspaceId }, data: { plan: "trial" } });
  return actor;
}

const refusal = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : error),
  );

describeDb("the system prompt counts toward the plan's prompt limits", () => {
  it("a 50,000-character system prompt on the Trial plan is refused, neither forwarded nor stored", async () => {
    const actor = await trialActor();
    const refused = await refusal(
      startChat({ actor, systemPrompt: "s".repeat(50_000), messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(refused).toEqual({
      code: "invalid_request",
      message: "The system prompt is too long: the Trial plan allows at most 1000 characters per message",
    });
    expect(await db().conversation.count({ where: { ownerId: actor.userId } })).toBe(0);
  });

  it("a system prompt and a message that fit each alone but not together are refused", async () => {
    const actor = await trialActor();
    const refused = await refusal(
      startChat({ actor, systemPrompt: "s".repeat(600), messages: [{ role: "user", content: "m".repeat(600) }] }),
    );
    expect(refused).toMatchObject({ message: "Prompt too long: the Trial plan allows at most 1000 characters" });
    expect(await db().conversation.count({ where: { ownerId: actor.userId } })).toBe(0);
  });

  it("a conversation's own system prompt is held to the plan too", async () => {
    const actor = await trialActor();
    const conversation = await db().conversation.create({
      data: { workspaceId: actor.workspaceId, ownerId: actor.userId, title: "t", model: "llama-3.3-70b-versatile" },
    });
    const settings = {
      model: "llama-3.3-70b-versatile",
      systemPrompt: "s".repeat(5_000),
      temperature: null,
      maxTokens: null,
    };
    expect(await refusal(saveChatSettings(actor, conversation.id, settings))).toMatchObject({
      code: "invalid_request",
    });
    expect((await db().conversation.findUnique({ where: { id: conversation.id } }))?.systemPrompt).toBeNull();

    // Stored before the plan was lowered: refused at the next turn rather than forwarded.
    await db().conversation.update({ where: { id: conversation.id }, data: { systemPrompt: "s".repeat(5_000) } });
    const refused = await refusal(
      startChat({ actor, conversationId: conversation.id, messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(refused).toMatchObject({ code: "invalid_request" });
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(0);
  });
});
