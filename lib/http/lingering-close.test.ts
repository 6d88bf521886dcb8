import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rawExchange } from "@/lib/testing/raw-http";
import { lingerIfBodyUnread } from "./lingering-close";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/**
 * A server that reads a body up to 1 MiB, then answers 413 and closes without reading the rest,
 * as lib/http/body.ts does, while the client is still writing.
 */
async function refusingServer(lingerMs: number): Promise<number> {
  const server = http.createServer((req, res) => {
    lingerIfBodyUnread(req, res, lingerMs);
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024 || res.headersSent) return;
      req.pause();
      res.writeHead(413, { Connection: "close", "Content-Type": "application/json" });
      res.end('{"error":"too large"}');
    });
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return (server.address() as AddressInfo).port;
}

/** Posts `size` bytes with a declared length, as most clients do; resolves with what came back. */
const postDeclared = (port: number, size: number) =>
  rawExchange(port, `POST / HTTP/1.1\r\nHost: test\r\nContent-Length: ${size}\r\n\r\n`, Buffer.alloc(size, 120));

describe("lingerIfBodyUnread", () => {
  it("lets a client still writing its body read the early answer", async () => {
    const port = await refusingServer(2_000);
    // A bare node:http server rarely loses this answer; the app did, 1 in 5 (the e2e security
    // probe repeats it against the app). Here: the gentle close still delivers every answer.
    for (let i = 0; i < 40; i++) {
      const { received, error } = await postDeclared(port, 3 * 1024 * 1024);
      expect({ status: received.slice(0, 12), error }).toEqual({ status: "HTTP/1.1 413", error: undefined });
    }
  });

  it("closes on a client that keeps sending once the linger time is over", async () => {
    const port = await refusingServer(300);
    // Half-open: the server's FIN does not end the client's side, it goes on sending.
    const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    socket.on("error", () => {});
    socket.write("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 1000000000\r\n\r\n");
    const started = Date.now();
    const chunk = Buffer.alloc(64 * 1024, 120);
    const sending = setInterval(() => socket.write(chunk), 5);
    await new Promise((closed) => socket.once("close", closed));
    clearInterval(sending);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("leaves a kept-alive connection open when the body was read", async () => {
    const server = http.createServer((req, res) => {
      lingerIfBodyUnread(req, res, 100);
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    servers.push(server);
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const req = http.request({ port, host: "127.0.0.1", method: "POST", agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(req.socket as net.Socket));
        });
        req.on("error", reject);
        req.end("hello");
      });
    const first = await post();
    await new Promise((r) => setTimeout(r, 300));
    expect(await post()).toBe(first);
    agent.destroy();
  });
});
