import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PublicSnapshot } from "@/components/share/public-snapshot";
import { readPublicSnapshot, SnapshotPageQuery, snapshotPage } from "@/lib/sharing/public-links";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ before?: string | string[] }> };

const load = cache(async (token: string) => {
  const snapshot = await readPublicSnapshot(token);
  if (!snapshot) notFound();
  return snapshot;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { title } = await load((await params).token);
  // The token is the address: keep it out of search engines and Referer headers.
  return { title: title || "Shared conversation", robots: { index: false }, referrer: "no-referrer" };
}

/**
 * `/share/<token>`: a public, read-only snapshot of a conversation. No sign-in; revoked → 404.
 * A long one in pages, the newest first (`?before=` pages back).
 */
export default async function SharePage({ params, searchParams }: Props) {
  const { token } = await params;
  const snapshot = await load(token);
  const page = snapshotPage(snapshot, SnapshotPageQuery.parse((await searchParams).before));
  return <PublicSnapshot title={snapshot.title} publishedAt={snapshot.publishedAt} page={page} token={token} />;
}
