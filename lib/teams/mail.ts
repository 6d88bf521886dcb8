import nodemailer from "nodemailer";

/**
 * Invitation emails. Mail is optional: without `SMTP_URL` (e.g. smtp://user:pass@host:587) the
 * invite link is only shown to copy. `SMTP_FROM` sets the sender.
 */
export type InviteEmailOutcome = "sent" | "not-configured" | "failed";

export async function sendInviteEmail(invite: {
  to: string;
  teamName: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
}): Promise<InviteEmailOutcome> {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) return "not-configured";
  const expires = invite.expiresAt.toLocaleDateString("en", { month: "long", day: "numeric", timeZone: "UTC" });
  try {
    await nodemailer.createTransport(smtpUrl).sendMail({
      from: process.env.SMTP_FROM ?? "SPJ Chat <no-reply@localhost>",
      to: invite.to,
      subject: `${invite.inviterName} invited you to ${invite.teamName} on SPJ Chat`,
      text: [
        `${invite.inviterName} invited you to join the team "${invite.teamName}" on SPJ Chat.`,
        "",
        `Accept the invitation: ${invite.url}`,
        "",
        `The link works until ${expires} and only for ${invite.to}.`,
      ].join("\n"),
    });
    return "sent";
  } catch (error) {
    // The link is still shown to copy, so a mail server's hiccup does not lose the invite.
    console.error("could not send the invite email", error);
    return "failed";
  }
}
