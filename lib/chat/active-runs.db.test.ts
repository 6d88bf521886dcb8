import { expect, it } from "vitest";
import { textParts } from "@/lib/chat/parts";
import { listMessages } from "@/lib/db/conversations";
import { createTestActor, describeDb, eventually, withLocalUpstream } from "@/lib/testing/fixtures";
import { followableRun, type RunFollower, stopRun } from "./active-runs";
import type { ChatOutcome } from "./pipeline";
import { startChat } from "./pipeline";

const upstream = withLocalUpstream();

function recorder() {
  const seen = { text: "", outcome: null as ChatOutcome | null };
  const follower: RunFollower = {
    delta: (delta) => {
      if (delta.type === "text") seen.text += delta.text;
    },
    end: (outcome) => {
      seen.outcome = outcome;
    },
  };
  return { seen, follower };
}

/** An answer started by the browser's door (detached), with a first reader following it. */
async function followedAnswer(question: string, graceMs: number) {
  upstream.current.enqueueFault({ chunkDelayMs: 20 });
  const actor = await createTestActor();
  const run = await startChat({ actor, messages: [{ role: "user", parts: textParts(question) }] });
  run.detach(graceMs);
  const reader = recorder();
  const leave = run.live.follow(reader.follower);
  await eventually(() => reader.seen.text.length > 20);
  return { actor, run, reader, leave };
}

describeDb("answers that outlive their connection", () => {
  it("lets a second reader pick up an answer mid-way: the text so far, then the rest", async () => {
    const { actor, run, leave } = await followedAnswer("A long one", 5_000);
    leave(); // the page is reloaded…

    const live = await followableRun(actor, run.conversationId);
    expect(live).toBe(run.live);
    const second = recorder();
    live?.follow(second.follower); // …and the new page follows on
    const outcome = await run.finished;
    expect(outcome.status).toBe("COMPLETE");
    expect(second.seen.text).toBe(outcome.content);
    expect(second.seen.outcome).toEqual(outcome);
    expect(await followableRun(actor, run.conversationId)).toBeNull();

    const stranger = await createTestActor();
    await expect(followableRun(stranger, run.conversationId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("stops and saves the answer once nobody has followed it for the grace period", async () => {
    const { run, reader, leave } = await followedAnswer("Closing the tab", 60);
    leave();

    const outcome = await run.finished;
    expect(outcome.status).toBe("STOPPED");
    const recorded = await eventually(() => upstream.current.requests.find((r) => r.aborted));
    expect(recorded.chunksSent).toBeLessThan(recorded.chunksPlanned);
    const answer = (await listMessages(run.conversationId)).find((m) => m.role === "assistant");
    expect(answer).toMatchObject({ status: "STOPPED", content: outcome.content });
    expect(outcome.content.startsWith(reader.seen.text)).toBe(true);
  });

  it("ends every follower's stream with the saved text when Stop is pressed", async () => {
    const { actor, run, reader } = await followedAnswer("Stop me", 5_000);
    expect(await stopRun(actor, run.conversationId)).toBe(true);
    const outcome = await run.finished;
    expect(outcome.status).toBe("STOPPED");
    expect(reader.seen.outcome?.content).toBe(reader.seen.text);
  });
});
