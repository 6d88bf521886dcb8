import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * A lingering close, as nginx does it (`lingering_close`): when an answer ends the connection
 * before the request body was read (413 on a declared length, 408), node:http destroys the socket
 * as soon as the answer is written. The kernel then resets a connection that still has unread
 * bytes, and a client still writing its body (any client posting with Content-Length) gets
 * EPIPE or ECONNRESET instead of the answer — seen on 1 request in 5. Here the socket is
 * half-closed instead: the answer and a FIN go out, what the client still sends is read and
 * dropped, and the socket is destroyed when the client closes or after `lingerMs`, so a client
 * that keeps sending cannot hold it.
 */
export const LINGER_MS = 2_000;

/** Call on every request, before the response can finish. */
export function lingerIfBodyUnread(req: IncomingMessage, res: ServerResponse, lingerMs = LINGER_MS): void {
  // Before node:http's own 'finish' listener, which is the one that destroys the socket.
  res.prependOnceListener("finish", () => {
    if (req.complete) return;
    const socket = req.socket as Socket & { destroySoon?: () => void };
    // node:http closes a connection after its last answer with `socket.destroySoon()` (an
    // undocumented method of net.Socket, called by _http_server since Node 0.x); this socket's
    // copy closes gently instead. A kept-alive connection never calls it.
    socket.destroySoon = () => closeGently(socket, lingerMs);
  });
}

function closeGently(socket: Socket, lingerMs: number): void {
  socket.end();
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  // The request is unread: drop whatever the client still sends until it closes its side.
  socket.on("data", () => {});
  socket.once("end", () => socket.destroy());
  socket.resume();
}
