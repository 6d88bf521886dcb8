import type { FailedAttempt } from "@/lib/db/turns";
import { AppError } from "@/lib/errors";
import { UPSTREAM_FAILED_MESSAGE } from "@/lib/providers/http";
import { adapterFor } from "@/lib/providers/registry";
import { type ModelInfo, type NeutralRequest, ProviderError, type ProviderStream } from "@/lib/providers/types";

/**
 * Opening a generation: the model, then its fallbacks, each tried once when the one before
 * failed before its first byte with a failure worth retrying elsewhere (overload, outage). A
 * provider that refuses our configuration or the request is not retried: another model would
 * hide an operator's problem or answer a different question. Nothing is retried after the first
 * byte (the pipeline's relay).
 */

export type Opened =
  | { ok: true; model: ModelInfo; stream: ProviderStream; failed: FailedAttempt[] }
  /** `model` failed last; `failed` are the calls before it (each its own ledger row). */
  | { ok: false; model: ModelInfo; error: AppError; cause: string; failed: FailedAttempt[] };

export async function openWithFallbacks(
  chain: readonly ModelInfo[],
  requestFor: (model: ModelInfo) => NeutralRequest,
): Promise<Opened> {
  const failed: FailedAttempt[] = [];
  for (const [i, model] of chain.entries()) {
    const at = new Date();
    const started = performance.now();
    const request = requestFor(model);
    try {
      return { ok: true, model, stream: await adapterFor(model).stream(request), failed };
    } catch (error) {
      if (request.signal.aborted) {
        return { ok: false, model, error: new AppError("upstream_failed", "Stopped"), cause: "stopped", failed };
      }
      const { appError, cause } = explainFailure(error);
      const last = i === chain.length - 1;
      if (last || !(error instanceof ProviderError) || !error.retryable) {
        return { ok: false, model, error: appError, cause, failed };
      }
      failed.push({
        model: model.id,
        provider: model.provider,
        latencyMs: Math.round(performance.now() - started),
        cause,
        at,
      });
    }
  }
  throw new AppError("internal", "A model has an empty fallback chain");
}

/** The caller's error and the admin's cause of a failure. */
export function explainFailure(error: unknown): { appError: AppError; cause: string } {
  if (error instanceof ProviderError) return { appError: error, cause: error.detail };
  if (error instanceof AppError) return { appError: error, cause: error.message };
  console.error("provider failure", error);
  return { appError: new AppError("upstream_failed", UPSTREAM_FAILED_MESSAGE), cause: String(error) };
}
