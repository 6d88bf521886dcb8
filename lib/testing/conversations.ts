import { randomUUID } from "node:crypto";
import { type MessagePart, textParts } from "@/lib/chat/parts";
import { db } from "@/lib/db/client";
import type { MessageRole, Visibility } from "@/lib/db/enums";
import { partsColumns } from "@/lib/db/message-parts";
import { demoAnswer } from "@/lib/local-upstream/answers";

/** Database tests' shortcut: a conversation with messages, written directly. */
export async function seedConversation(input: {
  workspaceId: string;
  ownerId: string;
  title: string;
  /** Each message's text, or its parts. */
  messages?: ({ role: MessageRole } & ({ content: string } | { parts: MessagePart[] }))[];
  visibility?: Visibility;
  updatedAt?: Date;
}): Promise<{ id: string; messageIds: string[] }> {
  const base = Date.now();
  const conversation = await db().conversation.create({
    data: {
      workspaceId: input.workspaceId,
      ownerId: input.ownerId,
      title: input.title,
      model: "test-model",
      visibility: input.visibility ?? "PRIVATE",
      ...(input.updatedAt ? { updatedAt: input.updatedAt } : {}),
      messages: {
        create: (input.messages ?? []).map((m, i) => ({
          role: m.role,
          ...partsColumns("parts" in m ? m.parts : textParts(m.content)),
          createdAt: new Date(base + i),
        })),
      },
    },
    select: { id: true, messages: { select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  return { id: conversation.id, messageIds: conversation.messages.map((m) => m.id) };
}

/**
 * A long conversation as people have them, written directly (benchmarks, browser tests): `count`
 * messages in one branch, questions "Question N …" and the demo model's Markdown answers,
 * linked parent to child, the newest shown.
 */
export async function seedLongConversation(input: {
  workspaceId: string;
  ownerId: string;
  title: string;
  count: number;
  /** The first question's text, instead of the numbered one (a word to search for). */
  firstQuestion?: string;
}): Promise<{ id: string; messageIds: string[] }> {
  const base = Date.now() - input.count;
  const messageIds = Array.from({ length: input.count }, () => randomUUID());
  const conversation = await db().conversation.create({
    data: {
      workspaceId: input.workspaceId,
      ownerId: input.ownerId,
      title: input.title,
      model: "test-model",
      activeLeafId: messageIds.at(-1) ?? null,
    },
    select: { id: true },
  });
  const rows = messageIds.map((id, i) => {
    const numbered = `Question ${Math.floor(i / 2) + 1}: how does step ${i} of the migration work?`;
    const question = i === 0 && input.firstQuestion ? input.firstQuestion : numbered;
    const user = i % 2 === 0;
    const text = user ? question : demoAnswer([{ role: "user", content: question }]);
    return {
      id,
      conversationId: conversation.id,
      parentId: i === 0 ? null : (messageIds[i - 1] ?? null),
      role: user ? "user" : "assistant",
      ...partsColumns(textParts(text)),
      ...(user ? {} : { model: "test-model", promptTokens: 40, completionTokens: 120 }),
      createdAt: new Date(base + i),
    };
  });
  // In slices: one statement per few hundred rows stays within both databases' parameter limits.
  for (let i = 0; i < rows.length; i += 200) await db().message.createMany({ data: rows.slice(i, i + 200) });
  return { id: conversation.id, messageIds };
}
