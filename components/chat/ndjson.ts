import type { ChatEvent } from "@/lib/chat/stream-events";

/**
 * Reads an NDJSON body event by event. Lines may arrive split across reads, or several in one
 * read, so text is buffered and split on "\n"; a last line without "\n" is still parsed.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: ChatEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const emit = (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return; // A malformed line is skipped rather than breaking the whole answer.
    }
    if (parsed && typeof parsed === "object" && "type" in parsed) onEvent(parsed as ChatEvent);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        emit(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
    }
    buffer += decoder.decode();
    emit(buffer);
  } finally {
    reader.releaseLock();
  }
}
