/**
 * The production server of `npm start` (scripts/run.ts starts it after the build): one Next.js
 * worker per core by default, all on one port (node:cluster hands connections out round-robin).
 * WEB_CONCURRENCY sets the number of workers (1 = a single process, no cluster).
 *
 * Nothing a request relies on lives in one worker only: rate limits are in Redis (with REDIS_URL)
 * or in this primary (lib/usage/cluster-limits.ts), quotas are atomic rows in the database, a revoked key reaches every worker
 * through the primary (below) or Redis. The primary also sums the workers' metrics for
 * `GET /metrics` (lib/metrics.ts). Each worker records its requests' figures here, around Next
 * and the lean door.
 *
 * The public API (`/api/v1/chat`, `/api/v1/chat/completions`, `/api/v1/models`) is answered here
 * without Next by the lean door (lib/api/lean-door.ts: the same door functions as the Next
 * routes, a fraction of the CPU and memory per request); SPJ_LEAN_API=0 leaves it to Next.
 */
import cluster, { type Worker } from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { AggregatorRegistry } from "prom-client";
import { lingerIfBodyUnread } from "../lib/http/lingering-close";
import { doorOf, metrics, STREAMING_DOORS } from "../lib/metrics";
import { serveClusterLimits } from "../lib/usage/cluster-limits";
import { CLUSTER_LIMITS_ENV } from "../lib/usage/rate-limit";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? process.env.HOST ?? undefined;

function workerCount(): number {
  const asked = Number(process.env.WEB_CONCURRENCY);
  return Number.isInteger(asked) && asked > 0 ? asked : os.availableParallelism();
}

async function serve(): Promise<void> {
  // prom-client answers the primary's requests for this worker's figures once an aggregator exists here.
  if (cluster.isWorker) new AggregatorRegistry();
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  // Runs instrumentation.ts (reaper, graceful shutdown) in this worker.
  await app.prepare();
  const lean = process.env.SPJ_LEAN_API === "0" ? null : await import("../lib/api/lean-door");
  await lean?.prepareLeanDoor();
  const server = http.createServer((req, res) => {
    lingerIfBodyUnread(req, res);
    const door = doorOf(req.url);
    if (door) observe(door, res);
    if (!lean?.serveLean(door, req, res)) void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`worker ${process.pid} serving http://${hostname ?? "localhost"}:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Requests, duration, first byte and open streams of the API doors. */
function observe(door: string, res: http.ServerResponse): void {
  const m = metrics();
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const streaming = STREAMING_DOORS.has(door);
  if (streaming) m.activeStreams.inc({ door });
  const write = res.write;
  res.write = function firstWrite(this: http.ServerResponse, ...args: unknown[]) {
    m.firstByte.observe({ door }, seconds());
    res.write = write;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof res.write;
  res.once("close", () => {
    if (streaming) m.activeStreams.dec({ door });
    m.requests.inc({ door, status: String(res.statusCode) });
    m.duration.observe({ door }, seconds());
  });
}

function primary(count: number): void {
  const aggregator = new AggregatorRegistry();
  // Without Redis, the rate limits' counters live here, shared by every worker.
  serveClusterLimits();
  process.env[CLUSTER_LIMITS_ENV] = "1";
  const relay = (from: Worker, message: unknown) => {
    const m = message as { spj?: string; id?: string };
    if (m?.spj === "spj:actors-changed") {
      for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from) worker.send(m);
    } else if (m?.spj === "metrics?") {
      aggregator
        .clusterMetrics()
        .then((text) => from.send({ spj: "metrics", id: m.id, text }))
        .catch((error: unknown) => from.send({ spj: "metrics", id: m.id, text: `# ${String(error)}\n` }));
    }
  };
  let stopping = false;
  cluster.on("message", relay);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  console.log(`${count} workers (WEB_CONCURRENCY to change)`);
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 10_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const count = workerCount();
if (cluster.isPrimary && count > 1) primary(count);
else await serve();
