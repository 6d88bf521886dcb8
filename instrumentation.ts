/**
 * Runs once when the server starts: loads the configured models' tokenizers (about a second of
 * parsing each) now, so that no request ever waits for them — see lib/usage/tokens.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { chatConfig } = await import("./lib/config");
  const { preloadTokenizers } = await import("./lib/usage/tokens");
  await preloadTokenizers(chatConfig().models).catch((error) => console.error("could not load a tokenizer", error));
}
