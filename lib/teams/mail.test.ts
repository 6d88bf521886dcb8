import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sendInviteEmail } from "./mail";

/** Just enough SMTP to receive one message (no TLS, no auth): what was sent, as text. */
function fakeSmtp(): Promise<{ server: Server; url: string; received: Promise<string> }> {
  let deliver: (message: string) => void = () => {};
  const received = new Promise<string>((resolve) => {
    deliver = resolve;
  });
  const server = createServer((socket) => {
    let data: string | null = null;
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      for (const line of chunk.toString().split("\r\n")) {
        if (data !== null) {
          if (line === ".") {
            deliver(data);
            data = null;
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250 fake\r\n");
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write("250 ok\r\n");
        else if (/^DATA/i.test(line)) {
          data = "";
          socket.write("354 go on\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `smtp://127.0.0.1:${port}`, received });
    });
  });
}

const invite = {
  to: "grace@example.test",
  teamName: "Acme",
  inviterName: "Ada",
  url: "http://spj.test/invite/abc",
  expiresAt: new Date("2030-05-17T00:00:00Z"),
};

describe("invite emails", () => {
  const saved = process.env.SMTP_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
  });

  it("are not sent without SMTP_URL: the link is only shown", async () => {
    delete process.env.SMTP_URL;
    expect(await sendInviteEmail(invite)).toBe("not-configured");
  });

  it("are sent through SMTP_URL, with the link and its limits", async () => {
    const smtp = await fakeSmtp();
    process.env.SMTP_URL = smtp.url;
    try {
      expect(await sendInviteEmail(invite)).toBe("sent");
      const message = await smtp.received;
      expect(message).toContain("To: grace@example.test");
      expect(message).toContain("Ada invited you to Acme");
      expect(message).toContain("http://spj.test/invite/abc");
      expect(message).toContain("May 17");
    } finally {
      smtp.server.close();
    }
  });

  it("report a mail server that cannot be reached, so the link is still shown", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await sendInviteEmail(invite)).toBe("failed");
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
