import cluster from "node:cluster";
import { randomUUID, timingSafeEqual } from "node:crypto";
import type pg from "pg";
import client from "prom-client";

/**
 * Operators' figures in Prometheus's text format (prom-client): requests, latencies and time to
 * first byte of the API doors, open streams, and the database pool's waits. Recorded by the
 * production server (scripts/server.ts) around every request and by lib/db/client.ts around the
 * pool; read at `GET /metrics` with `Authorization: Bearer $METRICS_TOKEN` (404 without one).
 * Under `npm start`'s workers the primary sums every worker's figures.
 */
export interface Metrics {
  requests: client.Counter<"door" | "status">;
  duration: client.Histogram<"door">;
  firstByte: client.Histogram<"door">;
  activeStreams: client.Gauge<"door">;
  poolWait: client.Histogram;
}

const holder = globalThis as { spjMetrics?: Metrics; spjPools?: pg.Pool[] };

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function metrics(): Metrics {
  if (!holder.spjMetrics) {
    holder.spjMetrics = {
      requests: new client.Counter({
        name: "spj_http_requests_total",
        help: "Requests to the API doors, by door and status code",
        labelNames: ["door", "status"],
      }),
      duration: new client.Histogram({
        name: "spj_http_request_duration_seconds",
        help: "From the request to the end of its response (a stream's whole answer)",
        labelNames: ["door"],
        buckets: SECONDS,
      }),
      firstByte: new client.Histogram({
        name: "spj_http_first_byte_seconds",
        help: "From the request to the first body byte: for the chat doors, the first token",
        labelNames: ["door"],
        buckets: SECONDS,
      }),
      activeStreams: new client.Gauge({
        name: "spj_active_streams",
        help: "Requests to the chat doors in progress (open answer streams)",
        labelNames: ["door"],
        aggregator: "sum",
      }),
      poolWait: new client.Histogram({
        name: "spj_db_pool_wait_seconds",
        help: "Time waiting for a PostgreSQL connection from the pool",
        buckets: SECONDS,
      }),
    };
    new client.Gauge({
      name: "spj_db_pool_waiting",
      help: "Queries waiting for a PostgreSQL connection now",
      aggregator: "sum",
      collect() {
        this.set((holder.spjPools ?? []).reduce((n, pool) => n + pool.waitingCount, 0));
      },
    });
    new client.Gauge({
      name: "spj_db_pool_connections",
      help: "PostgreSQL connections open (idle or in use)",
      aggregator: "sum",
      collect() {
        this.set((holder.spjPools ?? []).reduce((n, pool) => n + pool.totalCount, 0));
      },
    });
  }
  return holder.spjMetrics;
}

/** Times every wait for a connection of this pool. */
export function instrumentPool(pool: pg.Pool): void {
  holder.spjPools = [...(holder.spjPools ?? []), pool];
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient>;
  const timed = async () => {
    const end = metrics().poolWait.startTimer();
    try {
      return await connect();
    } finally {
      end();
    }
  };
  // pg's connect also takes a callback; Prisma's adapter only uses the promise form.
  pool.connect = ((callback?: unknown) => (callback ? connect(callback) : timed())) as never;
}

/** The API doors by path: a label with few values, never the raw URL. */
export function doorOf(url: string | undefined): string | null {
  const path = (url ?? "").split("?")[0] ?? "";
  if (path === "/api/v1/chat/completions") return "v1_chat_completions";
  if (path === "/api/v1/chat") return "v1_chat";
  if (path === "/api/v1/models") return "v1_models";
  if (path === "/api/chat") return "chat";
  return null;
}

export const STREAMING_DOORS = new Set(["v1_chat_completions", "v1_chat", "chat"]);

/** 404 when METRICS_TOKEN is unset, 401 for a wrong token, else null (allowed). */
export function metricsAccess(authorization: string | null): 404 | 401 | null {
  const token = process.env.METRICS_TOKEN;
  if (!token) return 404;
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? null : 401;
}

/** This process's figures, or under `npm start`'s workers every worker's, summed by the primary. */
export async function metricsText(): Promise<string> {
  metrics();
  if (!cluster.isWorker || !process.send) return client.register.metrics();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off("message", onMessage);
      reject(new Error("the primary did not answer with the workers' metrics"));
    }, 5000);
    const onMessage = (message: unknown) => {
      const m = message as { spj?: string; id?: string; text?: string };
      if (m?.spj !== "metrics" || m.id !== id) return;
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve(m.text ?? "");
    };
    process.on("message", onMessage);
    process.send?.({ spj: "metrics?", id });
  });
}

export const METRICS_CONTENT_TYPE = client.register.contentType;
