/**
 * The synthetic install bench/usage-dashboard.ts measures (and the dashboard screenshot shows):
 * users with personal workspaces, a few teams, API keys, conversations, and N ledger rows over
 * the last D days with their daily rollups. Deterministic (seeded PRNG), generated in batches
 * so 10M rows never sit in memory at once.
 *
 * The shape follows what a busy install looks like, not a uniform spray: a few heavy users and
 * many light ones (Zipf-like), weekdays busier than weekends, most traffic on the default model,
 * an eighth of it through API keys, ~2% failed and ~3% stopped answers, one unpriced model.
 */
import { randomUUID } from "node:crypto";
import { addSums, emptySums, type UsageSums } from "../lib/db/usage";
import { costOf, priceOf } from "../lib/usage/pricing";

export interface SeedOptions {
  events: number;
  users: number;
  days: number;
  /** The last day of the range (UTC midnight of it). */
  today: Date;
}

export const MODELS = [
  { id: "llama-3.3-70b-versatile", weight: 0.62 },
  { id: "llama-3.1-8b-instant", weight: 0.26 },
  { id: "gpt-4o-mini", weight: 0.08 },
  // No price configured: shown as "unpriced".
  { id: "mixtral-8x7b-32768", weight: 0.04 },
];

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Ken",
  "Barbara",
  "Dennis",
  "Frances",
  "Edsger",
  "Radia",
  "Guido",
  "Katherine",
  "Donald",
  "Hedy",
  "Tim",
  "Annie",
  "John",
  "Sophie",
  "Yukihiro",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Thompson",
  "Liskov",
  "Ritchie",
  "Allen",
  "Dijkstra",
  "Perlman",
  "van Rossum",
  "Johnson",
  "Knuth",
  "Lamarr",
  "Berners-Lee",
  "Easley",
  "McCarthy",
  "Wilson",
  "Matsumoto",
];
const TEAMS = [
  "Acme Research",
  "Northwind Support",
  "Globex Engineering",
  "Initech Data",
  "Umbrella Labs",
  "Stark Analytics",
];

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Person {
  id: string;
  email: string;
  name: string;
  /** Where their traffic goes: their personal workspace, or a team they belong to. */
  workspaceId: string;
  personalWorkspaceId: string;
  apiKeyId: string | null;
  conversations: number;
}

export interface Directory {
  people: Person[];
  workspaces: { id: string; name: string; kind: "PERSONAL" | "TEAM"; plan: string; ownerId: string }[];
  memberships: { workspaceId: string; userId: string; role: string }[];
  keys: { id: string; workspaceId: string; userId: string; name: string; last4: string }[];
  /** Cumulative weights of the people (heavy users first). */
  weights: number[];
}

export function buildDirectory(users: number, random: () => number): Directory {
  const people: Person[] = [];
  const workspaces: Directory["workspaces"] = [];
  const memberships: Directory["memberships"] = [];
  const keys: Directory["keys"] = [];
  const teamCount = Math.max(1, Math.min(TEAMS.length * 20, Math.round(users / 40)));
  for (let t = 0; t < teamCount; t++) {
    const name =
      t < TEAMS.length ? (TEAMS[t] as string) : `${TEAMS[t % TEAMS.length]} ${Math.floor(t / TEAMS.length) + 1}`;
    workspaces.push({ id: `team-${t}`, name, kind: "TEAM", plan: t % 3 === 0 ? "enterprise" : "core", ownerId: "" });
  }
  for (let i = 0; i < users; i++) {
    // Every first name meets every last name before any pair repeats.
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length] as string;
    const n = Math.floor(i / (FIRST.length * LAST.length));
    const name = n ? `${first} ${last} ${n + 1}` : `${first} ${last}`;
    const id = `user-${i}`;
    const personal = `ws-${i}`;
    const email = `${first}.${last}${n ? n + 1 : ""}@example.com`.toLowerCase().replace(/\s+/g, "");
    workspaces.push({ id: personal, name: `${name}'s workspace`, kind: "PERSONAL", plan: "self-hosted", ownerId: id });
    memberships.push({ workspaceId: personal, userId: id, role: "OWNER" });
    // Two people in three work in a team.
    const team = random() < 0.66 ? `team-${i % teamCount}` : null;
    if (team) {
      const owner = workspaces[i % teamCount];
      const role = owner && owner.ownerId === "" ? "OWNER" : "MEMBER";
      if (owner && role === "OWNER") owner.ownerId = id;
      memberships.push({ workspaceId: team, userId: id, role });
    }
    const workspaceId = team ?? personal;
    let apiKeyId: string | null = null;
    if (random() < 0.3) {
      apiKeyId = `key-${i}`;
      keys.push({
        id: apiKeyId,
        workspaceId,
        userId: id,
        name: ["ci", "backend", "cron", "support-bot"][i % 4] as string,
        last4: randomUUID().slice(0, 4),
      });
    }
    people.push({
      id,
      email,
      name,
      workspaceId,
      personalWorkspaceId: personal,
      apiKeyId,
      conversations: 1 + Math.floor(random() * 40),
    });
  }
  // Zipf-like weights: the i-th person sends ~1/(i+1)^0.8 of the traffic.
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < users; i++) {
    total += 1 / (i + 1) ** 0.8;
    weights.push(total);
  }
  return { people, workspaces, memberships, keys, weights: weights.map((w) => w / total) };
}

export interface LedgerRow {
  id: string;
  userId: string;
  workspaceId: string;
  conversationId: string;
  apiKeyId: string | null;
  model: string;
  promptTokens: number;
  completionTokens: number;
  source: string;
  outcome: string;
  latencyMs: number;
  ttftMs: number | null;
  inputPricePer1k: number | null;
  outputPricePer1k: number | null;
  cost: number | null;
  createdAt: string;
}

function pickWeighted(cumulative: number[], r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MODEL_CUMULATIVE: number[] = [];
for (const m of MODELS) MODEL_CUMULATIVE.push((MODEL_CUMULATIVE.at(-1) ?? 0) + m.weight);
const DAY_MS = 86_400_000;

/** Yields the ledger in batches; `rollup` receives every row to aggregate by day. */
export function* ledgerBatches(
  options: SeedOptions,
  dir: Directory,
  random: () => number,
  batchSize: number,
): Generator<LedgerRow[]> {
  const start = options.today.getTime() - (options.days - 1) * DAY_MS;
  let made = 0;
  while (made < options.events) {
    const batch: LedgerRow[] = [];
    const n = Math.min(batchSize, options.events - made);
    for (let i = 0; i < n; i++) {
      const person = dir.people[pickWeighted(dir.weights, random())] as Person;
      let dayIndex = Math.floor(random() * options.days);
      // Weekends are quieter: re-draw most weekend days once.
      const weekday = new Date(start + dayIndex * DAY_MS).getUTCDay();
      if ((weekday === 0 || weekday === 6) && random() < 0.6) dayIndex = Math.floor(random() * options.days);
      const at = new Date(start + dayIndex * DAY_MS + Math.floor(random() * DAY_MS));
      const model = MODELS[pickWeighted(MODEL_CUMULATIVE, random())]?.id as string;
      const viaApi = person.apiKeyId !== null && random() < 0.45;
      const roll = random();
      const outcome = roll < 0.02 ? "ERROR" : roll < 0.05 ? "STOPPED" : "OK";
      const promptTokens = outcome === "ERROR" && random() < 0.5 ? 0 : 40 + Math.floor(random() ** 2 * 3000);
      const completionTokens = outcome === "ERROR" ? Math.floor(random() * 50) : 20 + Math.floor(random() * 900);
      const cost = costOf(priceOf(model), promptTokens, completionTokens);
      batch.push({
        id: randomUUID(),
        userId: person.id,
        // A key lives in the workspace its owner works in.
        workspaceId: person.workspaceId,
        conversationId: `conv-${person.id}-${Math.floor(random() * person.conversations)}`,
        apiKeyId: viaApi ? person.apiKeyId : null,
        model,
        promptTokens,
        completionTokens,
        source: outcome === "OK" ? "REPORTED" : "TOKENIZER",
        outcome,
        latencyMs: 300 + Math.floor(random() * 8000),
        ttftMs: outcome === "ERROR" ? null : 80 + Math.floor(random() * 600),
        inputPricePer1k: cost === null ? null : (costOf(priceOf(model), 1000, 0) as number),
        outputPricePer1k: cost === null ? null : (costOf(priceOf(model), 0, 1000) as number),
        cost,
        createdAt: at.toISOString().replace("Z", "+00:00"),
      });
    }
    made += n;
    yield batch;
  }
}

export type RollupRow = UsageSums & {
  day: string;
  workspaceId: string;
  userId: string;
  model: string;
  apiKeyId: string;
};

/** Adds a batch of ledger rows into the day × workspace × user × model × key rollups. */
export function rollUp(into: Map<string, RollupRow>, rows: LedgerRow[]): void {
  for (const r of rows) {
    const day = r.createdAt.slice(0, 10);
    const apiKeyId = r.apiKeyId ?? "";
    const key = `${r.workspaceId}|${day}|${r.userId}|${r.model}|${apiKeyId}`;
    const row = into.get(key) ?? {
      day,
      workspaceId: r.workspaceId,
      userId: r.userId,
      model: r.model,
      apiKeyId,
      ...emptySums(),
    };
    into.set(key, row);
    addSums(row, {
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      requests: 1,
      errors: r.outcome === "ERROR" ? 1 : 0,
      cost: r.cost ?? 0,
      unpricedRequests: r.cost === null ? 1 : 0,
    });
  }
}
