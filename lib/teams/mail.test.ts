import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeSmtp } from "@/lib/testing/fake-smtp";
import { sendInviteEmail } from "./mail";

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
