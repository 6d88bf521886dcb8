import { METRICS_CONTENT_TYPE, metricsAccess, metricsText } from "@/lib/metrics";

/**
 * `GET /metrics`: Prometheus text for operators (lib/metrics.ts). No user or key: a bearer token
 * from METRICS_TOKEN; without one configured the endpoint does not exist (404).
 */
export async function GET(request: Request): Promise<Response> {
  const refused = metricsAccess(request.headers.get("authorization"));
  if (refused === 404) return new Response("Not found", { status: 404 });
  if (refused === 401) {
    return new Response("Invalid metrics token", { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  }
  return new Response(await metricsText(), { headers: { "Content-Type": METRICS_CONTENT_TYPE } });
}
