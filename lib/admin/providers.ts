import { canAdministerInstall } from "@/lib/auth/policy";
import type { UserRole } from "@/lib/db/enums";
import {
  EMPTY_FIGURES,
  type HealthFigures,
  type HealthPeriod,
  modelHealthKey,
  providerHealth,
} from "@/lib/db/provider-health";
import { notFound } from "@/lib/errors";
import type { ProviderConfig } from "@/lib/providers/config";
import { apiKeyOf } from "@/lib/providers/http";
import { listModels, listProviders } from "@/lib/providers/registry";
import type { ModelInfo } from "@/lib/providers/types";

/**
 * The admin's providers page, for the system admin only (everyone else gets the not-found of a
 * page that does not exist): the configured providers and models, and how each fared in the
 * ledger over the last hour and day. Whether a key is set is said; the key itself never leaves
 * the environment.
 */

export type HealthByPeriod = Record<HealthPeriod, HealthFigures>;

export interface ProviderOverview extends ProviderConfig {
  /** True when the variable `apiKeyEnv` names holds a value. */
  keySet: boolean;
  health: HealthByPeriod;
  models: (ModelInfo & { health: HealthByPeriod })[];
}

const NO_CALLS: HealthByPeriod = { hour: EMPTY_FIGURES, day: EMPTY_FIGURES };

export async function providersOverviewAs(
  actor: { user: { role: UserRole } },
  now = new Date(),
): Promise<ProviderOverview[]> {
  if (!canAdministerInstall(actor.user)) throw notFound();
  const health = await providerHealth(now);
  const models = listModels();
  return listProviders().map((provider) => ({
    ...provider,
    keySet: apiKeyOf(provider) !== undefined,
    health: health.providers.get(provider.id) ?? NO_CALLS,
    models: models
      .filter((m) => m.provider === provider.id)
      .map((m) => ({ ...m, health: health.models.get(modelHealthKey(provider.id, m.id)) ?? NO_CALLS })),
  }));
}
