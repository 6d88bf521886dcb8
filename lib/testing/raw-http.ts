import net from "node:net";

/**
 * Writes `head`, then `body`, on a raw socket to 127.0.0.1:`port`, as a client that goes on
 * sending while the server answers; resolves with all that came back once the socket closes, and
 * the socket's error if it was reset.
 */
export function rawExchange(port: number, head: string, body?: Buffer): Promise<{ received: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve({ received, error: error.code }));
    socket.on("close", () => resolve({ received }));
    socket.write(head);
    if (body) socket.write(body);
  });
}
