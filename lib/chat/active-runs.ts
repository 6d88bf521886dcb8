import type { Actor } from "@/lib/auth/actor";
import { canWriteConversation } from "@/lib/auth/policy";
import { findConversation } from "@/lib/db/conversations";
import { notFound } from "@/lib/errors";

/**
 * Answers being generated in this process, by conversation. Stop goes through here, so the
 * server ends generation itself and the client still receives the end of the stream, with
 * exactly the text that was saved.
 */
interface Stoppable {
  stop(): void;
}

const holder = globalThis as { spjActiveRuns?: Map<string, Stoppable> };
holder.spjActiveRuns ??= new Map();
const active = holder.spjActiveRuns;

export function trackRun(conversationId: string, run: Stoppable, finished: Promise<unknown>): void {
  active.set(conversationId, run);
  void finished.finally(() => {
    if (active.get(conversationId) === run) active.delete(conversationId);
  });
}

/** Stops the conversation's running answer, if the actor may write to it. False if none runs here. */
export async function stopRun(actor: Actor, conversationId: string): Promise<boolean> {
  const conversation = await findConversation(conversationId);
  if (!conversation || !canWriteConversation(actor, conversation)) throw notFound("Conversation not found");
  const run = active.get(conversationId);
  run?.stop();
  return Boolean(run);
}
