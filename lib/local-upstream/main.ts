// CLI entry: `tsx lib/local-upstream/main.ts` (npm run local-upstream).
import { startLocalUpstream } from "./server";

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

const upstream = await startLocalUpstream({
  port: envInt("LOCAL_UPSTREAM_PORT") ?? 4010,
  host: process.env.LOCAL_UPSTREAM_HOST || undefined,
  chunkDelayMs: envInt("LOCAL_UPSTREAM_CHUNK_DELAY_MS"),
  requireKey: process.env.LOCAL_UPSTREAM_REQUIRE_KEY || undefined,
  // Comma-separated model ids it serves (default: one Llama model).
  models:
    process.env.LOCAL_UPSTREAM_MODELS?.split(",")
      .map((id) => id.trim())
      .filter(Boolean) || undefined,
});
console.log(`local upstream listening on ${upstream.baseUrl}`);

let closing = false;
const shutdown = (): void => {
  // A second signal while closing means "stop now".
  if (closing) process.exit(1);
  closing = true;
  upstream.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
