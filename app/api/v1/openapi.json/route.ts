import { createHash } from "node:crypto";
import { openApiDocument } from "@/lib/api/openapi";

/**
 * `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the public API. Public (it holds
 * nothing secret: the models offered are listed by the docs too), cacheable, and readable from
 * any origin so API explorers can load it.
 */
export function GET(request: Request): Response {
  const json = JSON.stringify(openApiDocument());
  const etag = `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Cache-Control": "public, max-age=300",
    ETag: etag,
    "Access-Control-Allow-Origin": "*",
  };
  const known = (request.headers.get("if-none-match") ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (known.includes(etag) || known.includes("*")) return new Response(null, { status: 304, headers });
  return new Response(json, { headers: { ...headers, "Content-Type": "application/json" } });
}
