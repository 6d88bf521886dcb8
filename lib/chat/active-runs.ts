import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import type { GenerationDelta } from "@/lib/providers/types";
import { AnswerParts } from "./answer";
import { mayReadConversation, writableConversation } from "./conversations";
import type { ChatOutcome } from "./pipeline";

/**
 * Answers being generated in this process, by conversation. Stop goes through here, so the
 * server ends generation itself and the client still receives the end of the stream, with
 * exactly the text that was saved; and a page loaded while an answer streams follows it from
 * here (the text so far, then the rest). The registry lives in this process's memory: with
 * several instances, a reload that lands on another one shows the saved messages only.
 */
export interface RunInfo {
  conversationId: string;
  title: string;
  model: string;
  /** The message the answer follows. */
  parentId: string | null;
}

export interface RunFollower {
  delta(delta: GenerationDelta): void;
  end(outcome: ChatOutcome): void;
}

/** One answer as it is generated: its parts so far, and whoever follows it. */
export class LiveRun {
  readonly answer = new AnswerParts();
  outcome: ChatOutcome | null = null;
  private readonly followers = new Set<RunFollower>();
  private graceMs: number | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly info: RunInfo,
    readonly stop: () => void,
  ) {}

  append(delta: GenerationDelta): void {
    this.answer.add(delta);
    for (const follower of this.followers) follower.delta(delta);
  }

  finish(outcome: ChatOutcome): void {
    this.outcome = outcome;
    this.clearGrace();
    for (const follower of this.followers) follower.end(outcome);
    this.followers.clear();
  }

  /** Replays the answer so far (and the end, if it came), then forwards the rest. */
  follow(follower: RunFollower): () => void {
    for (const delta of this.answer.replay()) follower.delta(delta);
    if (this.outcome) {
      follower.end(this.outcome);
      return () => {};
    }
    this.followers.add(follower);
    this.clearGrace();
    return () => {
      this.followers.delete(follower);
      if (this.followers.size === 0 && this.graceMs !== null && !this.outcome) {
        this.graceTimer = setTimeout(this.stop, this.graceMs);
      }
    };
  }

  /**
   * Generation goes on without a reader, and stops `graceMs` after its last follower left
   * unless another one comes: a closed tab stops the answer, a reloaded page picks it up.
   */
  stopWhenUnfollowedFor(graceMs: number): void {
    this.graceMs = graceMs;
  }

  private clearGrace(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }
}

const holder = globalThis as { spjActiveRuns?: Map<string, LiveRun> };
holder.spjActiveRuns ??= new Map();
const active = holder.spjActiveRuns;

export function trackRun(run: LiveRun, finished: Promise<unknown>): void {
  const id = run.info.conversationId;
  active.set(id, run);
  void finished.finally(() => {
    if (active.get(id) === run) active.delete(id);
  });
}

/** The answer being generated in a conversation, for a reader who already passed the policy. */
export function runningIn(conversationId: string): LiveRun | null {
  return active.get(conversationId) ?? null;
}

/** The conversation's running answer, if the actor may read the conversation. Null if none runs here. */
export async function followableRun(actor: Actor, conversationId: string): Promise<LiveRun | null> {
  if (!(await mayReadConversation(actor, conversationId))) throw notFound("Conversation not found");
  return runningIn(conversationId);
}

/** Stops the conversation's running answer, if the actor may write to it. False if none runs here. */
export async function stopRun(actor: Actor, conversationId: string): Promise<boolean> {
  await writableConversation(actor, conversationId);
  const run = active.get(conversationId);
  run?.stop();
  return Boolean(run);
}
