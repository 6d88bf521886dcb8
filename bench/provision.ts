/**
 * Provisioning for bench/ttfb.ts, run as a child process with DATABASE_URL set:
 * `BENCH_USERS=N node --import tsx bench/provision.ts`.
 *
 * Applies the migrations, then creates N users, each with a personal workspace on the Enterprise
 * plan, the largest monthly quota the admin tools accept and one API key: the same library calls
 * `npm run admin -- users create / plan set / quota set / keys create` make, in one process
 * instead of 4·N (each CLI run costs a process start and a migration check).
 *
 * Why N users and not one: the rate limits (600 requests/minute on Enterprise) count per key AND
 * per workspace, and the benchmark sends tens of thousands of requests a minute. Spreading them
 * over N workspaces keeps every limiter well below its limit while still running on every request.
 *
 * Prints one JSON line on stdout: {"keys": ["spj_ai_…", …]}.
 */
import { randomBytes } from "node:crypto";
import { MAX_TOKENS_QUOTA } from "../lib/admin/input";
import { createKeyFor } from "../lib/admin/keys";
import { createUser } from "../lib/admin/users";
import { setWorkspacePlan, setWorkspaceTokenQuota } from "../lib/db/admin";
import { migrateDatabase } from "../lib/db/migrate";

const count = Number(process.env.BENCH_USERS ?? "1");
if (!Number.isInteger(count) || count < 1) throw new Error("BENCH_USERS must be a positive integer");
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL must be set");

await migrateDatabase(process.env.DATABASE_URL);
const keys: string[] = [];
for (let i = 0; i < count; i++) {
  const email = `bench-${i}@bench.invalid`;
  const { user, workspaceId } = await createUser({
    email,
    name: `Bench ${i}`,
    password: randomBytes(18).toString("base64url"),
  });
  await setWorkspacePlan(workspaceId, "enterprise");
  await setWorkspaceTokenQuota(workspaceId, MAX_TOKENS_QUOTA);
  const { key } = await createKeyFor({ userId: user.id, workspaceId }, { name: "ttfb-bench" });
  keys.push(key);
}
process.stdout.write(`${JSON.stringify({ keys })}\n`);
// An open PostgreSQL pool would keep node alive for seconds.
process.exit(0);
