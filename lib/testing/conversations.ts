import { type MessagePart, textParts } from "@/lib/chat/parts";
import { db } from "@/lib/db/client";
import { partsColumns } from "@/lib/db/message-parts";

/** Database tests' shortcut: a conversation with messages, written directly. */
export async function seedConversation(input: {
  workspaceId: string;
  ownerId: string;
  title: string;
  /** Each message's text, or its parts. */
  messages?: ({ role: "user" | "assistant" | "system" } & ({ content: string } | { parts: MessagePart[] }))[];
  visibility?: "PRIVATE" | "TEAM";
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
