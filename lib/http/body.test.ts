import { describe, expect, it } from "vitest";
import { AppError, httpStatusOf } from "@/lib/errors";
import { readBody, readBodyJson, readBodyText } from "./body";

/** A body that sends `chunks` and then either ends or stalls forever; counts what was pulled. */
function streamed(chunks: Uint8Array[], { stall = false } = {}) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.pulled];
      if (next) {
        state.pulled += 1;
        controller.enqueue(next);
      } else if (!stall) controller.close();
      else return new Promise(() => {}); // never sends the rest
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

function post(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}): Request {
  return new Request("http://test/", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function statusOf(work: Promise<unknown>): Promise<number> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return httpStatusOf(error);
}

describe("readBody", () => {
  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const { body, state } = streamed([new Uint8Array(10)], { stall: true });
    const request = post(body, { "content-length": String(100 * 1024 * 1024) });
    expect(await statusOf(readBody(request, { maxBytes: 1024, timeoutMs: 60_000 }))).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(1); // the stream may prefetch; nothing is waited for
  });

  it("stops reading as soon as the bytes read pass the limit, and cancels the rest", async () => {
    const chunks = Array.from({ length: 100 }, () => new Uint8Array(1024));
    const { body, state } = streamed(chunks);
    expect(await statusOf(readBody(post(body), { maxBytes: 4096, timeoutMs: 60_000 }))).toBe(413);
    expect(state.pulled).toBeLessThan(10);
    expect(state.cancelled).toBe(true);
  });

  it("answers 408 when a body stalls past the time limit", async () => {
    const { body, state } = streamed([new TextEncoder().encode('{"messa')], { stall: true });
    const started = Date.now();
    expect(await statusOf(readBody(post(body), { maxBytes: 4096, timeoutMs: 200 }))).toBe(408);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(state.cancelled).toBe(true);
  });

  it("413 and 408 close the connection", async () => {
    const error = await readBody(post("x".repeat(100)), { maxBytes: 10 }).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).headers.Connection).toBe("close");
  });

  it("reads a body within the limits, as text or JSON (null when unparsable)", async () => {
    expect(await readBodyText(post("héllo"), { maxBytes: 6 })).toBe("héllo");
    expect(await readBodyJson(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readBodyJson(post("{nope"))).toBeNull();
    expect((await readBody(new Request("http://test/"))).byteLength).toBe(0);
  });

  it("takes its limits from the environment", async () => {
    process.env.HTTP_MAX_BODY_BYTES = "5";
    try {
      expect(await statusOf(readBodyText(post("123456")))).toBe(413);
    } finally {
      delete process.env.HTTP_MAX_BODY_BYTES;
    }
  });
});
