import { flushTurnEnds } from "@/lib/db/turn-end-batch";
import { AppError } from "@/lib/errors";
import { runningGenerations } from "./run";

/**
 * Graceful shutdown (SIGTERM/SIGINT, wired in instrumentation.ts): new answers are refused with
 * 503 + Retry-After, running ones may finish until the deadline (`CHAT_SHUTDOWN_DEADLINE_MS`),
 * the rest are stopped — saved as STOPPED with their usage — and then the process exits.
 */
const holder = globalThis as { spjDraining?: boolean };

/** Seconds a client is told to wait: another instance, or this one restarted, takes it then. */
const RETRY_AFTER_SECONDS = 5;
/** After the deadline, how long the stopped answers get to be saved. */
const SAVE_MS = 10_000;

export function shutdownDeadlineMs(): number {
  const value = Number(process.env.CHAT_SHUTDOWN_DEADLINE_MS ?? 20_000);
  return Number.isFinite(value) && value >= 0 ? value : 20_000;
}

/** Throws the 503 every door answers while this instance shuts down. */
export function assertTakingAnswers(): void {
  if (!holder.spjDraining) return;
  throw new AppError(
    "unavailable",
    "The server is restarting. Try again in a few seconds.",
    {},
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms).unref?.())]);

/** Stops taking answers, lets the running ones finish until the deadline, then stops and saves the rest. */
export async function drainAnswers(deadlineMs = shutdownDeadlineMs()): Promise<void> {
  holder.spjDraining = true;
  const all = () => Promise.allSettled(runningGenerations().map((g) => g.finished));
  await within(all(), deadlineMs);
  const left = runningGenerations();
  if (left.length > 0) console.log(`shutdown: stopping ${left.length} answer(s) at the deadline`);
  for (const generation of left) generation.stop();
  await within(all(), SAVE_MS);
  // Closing writes still waiting for their batch (turn-end-batch.ts) are written before the exit.
  await flushTurnEnds();
}

/** On SIGTERM/SIGINT: drain, then exit (once, whichever signal came first). */
export function drainOnSignals(): void {
  let draining = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    console.log(`${signal}: finishing running answers, then exiting`);
    void drainAnswers().finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutDown);
  process.on("SIGINT", shutDown);
}
