import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteCard } from "@/components/teams/invite-card";
import { CardPage } from "@/components/ui/card-page";
import { currentActor } from "@/lib/auth/session";
import { describeInvite } from "@/lib/teams/invites";

// The token is in the address: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: "Invitation", robots: { index: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/** `/invite/<token>`: join a team, signed in or by registering through the link. */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const invite = await describeInvite(token);
  if (!invite) notFound();
  const actor = await currentActor();
  return (
    <CardPage>
      <InviteCard token={token} invite={invite} signedInAs={actor?.user.email ?? null} />
    </CardPage>
  );
}
