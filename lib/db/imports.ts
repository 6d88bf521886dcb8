import { db } from "./client";
import type { MessageRecord } from "./conversations";
import { linkFiles, partsColumns } from "./message-parts";
import { inPrismaTransaction } from "./statements";

/** Writing imported conversations: one transaction each, so a conversation arrives whole or not at all. */

/** A message as saved, less what only a live answer has (where its token counts came from). */
// Who answered is not carried across installs: an imported answer names its model only.
export type ImportedMessage = Omit<MessageRecord, "tokenSource" | "content" | "provider">;

export interface ImportedConversation {
  workspaceId: string;
  ownerId: string;
  title: string;
  model: string;
  systemPrompt: string | null;
  temperature: number | null;
  maxTokens: number | null;
  activeLeafId: string | null;
  createdAt: Date;
  updatedAt: Date;
  messages: ImportedMessage[];
}

export async function insertImportedConversation(input: ImportedConversation): Promise<{ id: string }> {
  const { messages, ...conversation } = input;
  return db().$transaction(async (tx) => {
    const { id } = await tx.conversation.create({ data: conversation, select: { id: true } });
    await tx.message.createMany({
      data: messages.map(({ parts, ...m }) => ({ ...m, ...partsColumns(parts), conversationId: id })),
    });
    await inPrismaTransaction(tx, () => linkFiles(messages));
    return { id };
  });
}
