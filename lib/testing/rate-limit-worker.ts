/**
 * One "app instance" for the shared-Redis rate-limit test: a separate process that sends
 * `COUNT` requests through checkRateLimits and prints how many were let through.
 */

import { AppError } from "@/lib/errors";
import { PLANS } from "@/lib/usage/plans";
import { checkRateLimits } from "@/lib/usage/rate-limit";

const count = Number(process.env.COUNT);
const plan = { ...PLANS["self-hosted"], requestsPerMinute: Number(process.env.LIMIT) };
const outcomes = await Promise.allSettled(
  Array.from({ length: count }, () =>
    checkRateLimits({ plan, subject: process.env.SUBJECT ?? "", workspaceId: process.env.WORKSPACE ?? "", tokens: 1 }),
  ),
);
const allowed = outcomes.filter((o) => o.status === "fulfilled").length;
const failures = outcomes.flatMap((o) =>
  o.status === "rejected" && !(o.reason instanceof AppError && o.reason.code === "rate_limited")
    ? [String(o.reason)]
    : [],
);
console.log(JSON.stringify({ allowed, limited: count - allowed - failures.length, failures }));
process.exit(0);
