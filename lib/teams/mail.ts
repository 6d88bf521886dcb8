import { type EmailOutcome, sendMail } from "@/lib/mail";

/** Invitation emails (lib/mail.ts): without `SMTP_URL` the invite link is only shown to copy. */
export type InviteEmailOutcome = EmailOutcome;

export function sendInviteEmail(invite: {
  to: string;
  teamName: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
}): Promise<InviteEmailOutcome> {
  const expires = invite.expiresAt.toLocaleDateString("en", { month: "long", day: "numeric", timeZone: "UTC" });
  return sendMail({
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
}
