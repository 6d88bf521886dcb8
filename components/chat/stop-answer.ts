const STOP_FALLBACK_MS = 3000;

/**
 * Asks the server to stop the conversation's answer: the stream then ends with exactly the text
 * it saved. Cutting the connection is the fallback, when the server did not stop it in time (the
 * server then stops it after its reconnect grace period).
 */
export function stopAnswer(stream: AbortController, conversationId: string): void {
  const cut = () => stream.abort();
  const fallback = window.setTimeout(cut, STOP_FALLBACK_MS);
  stream.signal.addEventListener("abort", () => window.clearTimeout(fallback));
  void fetch(`/api/conversations/${conversationId}/stop`, { method: "POST" })
    .then(async (response) => {
      const result = (await response.json().catch(() => null)) as { stopped?: boolean } | null;
      if (!result?.stopped) cut();
    })
    .catch(cut);
}
