import type { UpstreamBody } from "./http";

/** For tests: a provider's body that arrives in exactly these reads, as undici would hand them over. */
export async function* upstreamBodyOf(reads: readonly (string | Uint8Array)[]): UpstreamBody {
  const encoder = new TextEncoder();
  for (const read of reads) yield typeof read === "string" ? encoder.encode(read) : read;
}
