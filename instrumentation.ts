/**
 * Runs once when the server starts: loads the configured models' tokenizers (about a second of
 * parsing each) now, so that no request ever waits for them — see lib/usage/tokens.ts; starts
 * the reaper of answers whose instance died (a crashed single instance settles its own on its
 * next start); starts the files GC (lib/files/gc.ts); and drains running answers on SIGTERM/SIGINT before exiting (scripts/run.ts sets
 * NEXT_MANUAL_SIG_HANDLE so that Next leaves the signals to us).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A providers file that does not validate stops the server here, with the line at fault.
  const { listModels } = await import("./lib/providers/registry");
  const models = listModels();
  const { preloadTokenizers } = await import("./lib/usage/tokens");
  await preloadTokenizers(models).catch((error) => console.error("could not load a tokenizer", error));
  const { startReaper } = await import("./lib/chat/runs/reaper");
  startReaper();
  const { startFilesGc } = await import("./lib/files/gc");
  startFilesGc();
  const { drainOnSignals } = await import("./lib/chat/runs/shutdown");
  drainOnSignals();
}
