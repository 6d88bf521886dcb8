import type { WorkspaceLimits } from "@/lib/db/workspaces";

/**
 * Who is acting, as the pipeline and the policy see it: no cookies, no pages. A browser session
 * and an API key both resolve to an Actor.
 */
export interface Actor {
  userId: string;
  /** The workspace this request acts in. */
  workspaceId: string;
  via: "session" | "api_key";
  /** Set for requests made with an API key (the ledger records which). */
  apiKeyId?: string;
  /** The member's limits, when the door already loaded them (API keys do). */
  limits?: WorkspaceLimits;
}
