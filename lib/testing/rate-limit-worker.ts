/**
 * One "app instance" for the rate-limit tests across instances: a separate process that sends
 * `COUNT` requests through checkRateLimits and prints how many were let through. With
 * `CLUSTER_WORKERS=n` it is `npm start`'s shape instead: a primary holding the counters
 * (scripts/server.ts) and n workers sending `COUNT` each; it prints their sum.
 */
import cluster from "node:cluster";
import { AppError } from "@/lib/errors";
import { serveClusterLimits } from "@/lib/usage/cluster-limits";
import { PLANS } from "@/lib/usage/plans";
import { CLUSTER_LIMITS_ENV, checkRateLimits } from "@/lib/usage/rate-limit";

interface Tally {
  allowed: number;
  limited: number;
  failures: string[];
}

async function send(): Promise<Tally> {
  const count = Number(process.env.COUNT);
  const plan = { ...PLANS["self-hosted"], requestsPerMinute: Number(process.env.LIMIT) };
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, () =>
      checkRateLimits({
        plan,
        subject: process.env.SUBJECT ?? "",
        workspaceId: process.env.WORKSPACE ?? "",
        tokens: 1,
      }),
    ),
  );
  const allowed = outcomes.filter((o) => o.status === "fulfilled").length;
  const failures = outcomes.flatMap((o) =>
    o.status === "rejected" && !(o.reason instanceof AppError && o.reason.code === "rate_limited")
      ? [String(o.reason)]
      : [],
  );
  return { allowed, limited: count - allowed - failures.length, failures };
}

const workers = Number(process.env.CLUSTER_WORKERS ?? 0);
if (workers > 0 && cluster.isPrimary) {
  serveClusterLimits();
  process.env[CLUSTER_LIMITS_ENV] = "1";
  const tallies: Tally[] = [];
  cluster.on("message", (_worker, message: { tally?: Tally }) => {
    if (!message.tally) return;
    tallies.push(message.tally);
    if (tallies.length < workers) return;
    const sum = (k: "allowed" | "limited") => tallies.reduce((n, t) => n + t[k], 0);
    console.log(
      JSON.stringify({
        allowed: sum("allowed"),
        limited: sum("limited"),
        failures: tallies.flatMap((t) => t.failures),
      }),
    );
    process.exit(0);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
} else if (cluster.isWorker) {
  process.send?.({ tally: await send() });
} else {
  console.log(JSON.stringify(await send()));
  process.exit(0);
}
