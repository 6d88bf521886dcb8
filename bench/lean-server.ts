/**
 * An experiment for bench/ttfb.ts `--server lean`: the very same route handler as
 * `app/api/v1/chat/route.ts` (auth, rate limits, quota, persistence — the whole pipeline),
 * served by a bare node:http server instead of Next.js. Comparing the two runs separates what
 * Next.js costs per request and per open stream from what the pipeline costs.
 * Not a way to run the app: no pages, no other routes.
 *
 * `PORT=3601 node --import tsx bench/lean-server.ts` (DATABASE_URL, CHAT_API_BASE_URL, CHAT_API_KEY
 * as for the app).
 */
import { once } from "node:events";
import http from "node:http";
import { POST } from "../app/api/v1/chat/route";

const port = Number(process.env.PORT ?? 3601);
const host = process.env.HOST ?? "127.0.0.1";

const server = http.createServer(async (req, res) => {
  try {
    if (req.method !== "POST" || req.url !== "/api/v1/chat") {
      res.writeHead(404).end();
      return;
    }
    const parts: Buffer[] = [];
    for await (const part of req as AsyncIterable<Buffer>) parts.push(part);
    const disconnected = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) disconnected.abort();
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const response = await POST(
      new Request(`http://${host}:${port}${req.url}`, {
        method: "POST",
        headers,
        body: Buffer.concat(parts),
        signal: disconnected.signal,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    res.on("close", () => {
      if (!res.writableFinished) void reader.cancel().catch(() => {});
    });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await once(res, "drain");
    }
    res.end();
  } catch (error) {
    if (!res.headersSent) res.writeHead(500);
    res.end();
    if (!res.destroyed) console.error(error);
  }
});
server.keepAliveTimeout = 5000;
server.listen(port, host, () => console.log(`lean server listening on http://${host}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
