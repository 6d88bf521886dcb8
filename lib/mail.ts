import nodemailer from "nodemailer";

/**
 * Outgoing email. Mail is optional: without `SMTP_URL` (e.g. smtp://user:pass@host:587) nothing
 * is sent and callers fall back to showing a link to copy. `SMTP_FROM` sets the sender.
 */
export type EmailOutcome = "sent" | "not-configured" | "failed";

export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<EmailOutcome> {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) return "not-configured";
  try {
    await nodemailer.createTransport(smtpUrl).sendMail({
      from: process.env.SMTP_FROM ?? "SPJ Chat <no-reply@localhost>",
      ...message,
    });
    return "sent";
  } catch (error) {
    // Callers decide what a failed send means (an invite link is still shown to copy).
    console.error("could not send an email", error);
    return "failed";
  }
}
