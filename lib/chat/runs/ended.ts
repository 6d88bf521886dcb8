import type { ChatOutcome } from "../pipeline";
import { appendEvent } from "./log";
import type { Generation } from "./run";

/** An answer that ended before it started streaming (stopped at once): its log holds only the end. */
export function endedGeneration(id: string, outcome: ChatOutcome): Generation {
  appendEvent(id, { type: "end", outcome });
  return { id, finished: Promise.resolve(outcome), stop() {}, stopWhenUnreadFor() {} };
}
