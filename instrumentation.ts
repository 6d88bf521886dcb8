/**
 * Runs once when the server starts: loads the configured models' tokenizers (about a second of
 * parsing each) now, so that no request ever waits for them — see lib/usage/tokens.ts; starts
 * the reaper of answers whose instance died (a crashed single instance settles its own on its
 * next start); and drains running answers on SIGTERM/SIGINT before exiting (scripts/run.ts sets
 * NEXT_MANUAL_SIG_HANDLE so that Next leaves the signals to us).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { chatConfig } = await import("./lib/config");
  const { preloadTokenizers } = await import("./lib/usage/tokens");
  await preloadTokenizers(chatConfig().models).catch((error) => console.error("could not load a tokenizer", error));
  const { startReaper } = await import("./lib/chat/runs/reaper");
  startReaper();
  const { drainAnswers } = await import("./lib/chat/runs/shutdown");
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
