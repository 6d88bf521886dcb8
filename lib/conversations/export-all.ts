import { Zip, ZipDeflate } from "fflate";
import type { Actor } from "@/lib/auth/actor";
import { canManageOwnAccount, canWriteConversation } from "@/lib/auth/policy";
import { listMessages, listOwnedConversations } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { fileEntries } from "@/lib/files/archive";
import { slug, toExportFile, toMarkdown } from "./export";

/**
 * "Export all my conversations": one zip with, per conversation the actor owns in the workspace
 * they act in, its JSON export (every branch, importable back), its Markdown (the branch shown)
 * and the files its messages hold (once each). Written as a stream, one conversation at a time, so a long history never sits in
 * memory whole.
 */

export interface ZipDownload {
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

const encoder = new TextEncoder();

export async function exportAllConversations(actor: Actor, now = new Date()): Promise<ZipDownload> {
  if (!canManageOwnAccount(actor)) throw new AppError("forbidden", "Not allowed");
  const conversations = (await listOwnedConversations(actor.userId, actor.workspaceId)).filter((c) =>
    canWriteConversation(actor, c),
  );
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      // Each file is deflated at once (text, a few KB to a few MB), between the reads of the next.
      const add = (name: string, content: string | Uint8Array) => {
        const file = new ZipDeflate(name, { level: 6 });
        file.mtime = now;
        zip.add(file);
        file.push(typeof content === "string" ? encoder.encode(content) : content, true);
      };
      // A file several conversations hold is written once.
      const filesAdded = new Set<string>();
      try {
        add("README.txt", readme(conversations.length, now));
        for (const conversation of conversations) {
          const messages = await listMessages(conversation.id);
          const base = `conversations/${slug(conversation.title) || "chat"}-${conversation.id}`;
          add(`${base}.json`, `${JSON.stringify(toExportFile(conversation, messages, now), null, 2)}\n`);
          add(`${base}.md`, toMarkdown(conversation, messages));
          for await (const file of fileEntries(messages, filesAdded)) add(file.path, file.bytes);
        }
        zip.end();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return { filename: `spj-chat-conversations-${now.toISOString().slice(0, 10)}.zip`, stream };
}

function readme(count: number, now: Date): string {
  return [
    `SPJ Chat export of ${count} conversation${count === 1 ? "" : "s"}, ${now.toISOString()}.`,
    "",
    "conversations/*.json  every message and branch; import them back with Import in the sidebar.",
    "conversations/*.md    the branch shown, for reading.",
    "files/<id>/<name>     the files the conversations hold; import this zip whole to keep them.",
    "",
  ].join("\n");
}
