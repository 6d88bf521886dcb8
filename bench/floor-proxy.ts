/**
 * The floor of bench/gateways.ts: the least a gateway can do, a bare node:http proxy that streams
 * `POST /v1/chat/completions` to the upstream and back, with no auth, limits or persistence.
 * `PORT=… UPSTREAM_URL=http://127.0.0.1:…/v1 UPSTREAM_KEY=… node --import tsx bench/floor-proxy.ts`
 */
import http from "node:http";

const port = Number(process.env.PORT ?? 3373);
const upstream = new URL(process.env.UPSTREAM_URL ?? "http://127.0.0.1:4471/v1");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

const server = http.createServer((req, res) => {
  const forward = http.request(
    {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      path: `${upstream.pathname}/chat/completions`,
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${process.env.UPSTREAM_KEY ?? ""}`,
        ...(req.headers["content-length"] ? { "content-length": req.headers["content-length"] } : {}),
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forward.on("error", () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  res.on("close", () => forward.destroy());
  req.pipe(forward);
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`floor proxy listening on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => process.exit(0));
