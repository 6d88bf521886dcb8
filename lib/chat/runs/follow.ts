import type { Actor } from "@/lib/auth/actor";
import { generatingIn } from "@/lib/db/generations";
import { notFound } from "@/lib/errors";
import { mayReadConversation, writableConversation } from "../conversations";
import { canFollow, LOG_START, type LogEntry, readLog } from "./log";
import { stopGeneration } from "./run";
import { markRead } from "./signals";

/**
 * The one reader API of answers being generated, for every door: follow an answer's log from an
 * offset (the text so far, then the rest, then its end), find the answer a conversation is
 * generating, stop it. Works from any instance when they share Redis.
 */
export interface FollowOptions {
  /** Where to resume (an entry's offset); the start of the answer by default. */
  from?: string;
  /** Ends the reading (the reader went away); generation goes on unless the door stops it. */
  signal?: AbortSignal;
  /**
   * While this reader reads, the answer counts as read (see Generation.stopWhenUnreadFor), for
   * this long after each mark: the grace a reloaded page has to come back.
   */
  keepsAliveFor?: number;
}

const MARK_EVERY_MS = 500;

export async function* followAnswer(id: string, options: FollowOptions = {}): AsyncGenerator<LogEntry> {
  const { keepsAliveFor } = options;
  const mark = () => keepsAliveFor !== undefined && markRead(id, keepsAliveFor + MARK_EVERY_MS * 2);
  mark();
  const marking = keepsAliveFor === undefined ? null : setInterval(mark, MARK_EVERY_MS);
  try {
    yield* readLog(id, options.from ?? LOG_START, options.signal);
  } finally {
    if (marking) clearInterval(marking);
  }
}

export interface AnswerUnderWay {
  /** The answer's message id (its log's). */
  id: string;
  /** The message it follows. */
  parentId: string | null;
}

/**
 * The answer a conversation is generating, if it can be followed from this instance (any
 * instance's with Redis; without, only this process's). The reader has passed the policy.
 */
export async function answerUnderWay(conversationId: string): Promise<AnswerUnderWay | null> {
  const found = await generatingIn(conversationId);
  return found && canFollow(found.id) ? { id: found.id, parentId: found.parentId } : null;
}

/** The conversation's followable answer, if the actor may read the conversation. */
export async function followableAnswer(actor: Actor, conversationId: string): Promise<AnswerUnderWay | null> {
  if (!(await mayReadConversation(actor, conversationId))) throw notFound("Conversation not found");
  return answerUnderWay(conversationId);
}

/** Stops the conversation's answer wherever it runs, if the actor may write to it. False if none runs. */
export async function stopAnswer(actor: Actor, conversationId: string): Promise<boolean> {
  await writableConversation(actor, conversationId);
  const found = await generatingIn(conversationId);
  if (found) await stopGeneration(found.id);
  return Boolean(found);
}
