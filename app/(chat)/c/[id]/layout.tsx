import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { mayReadConversation } from "@/lib/chat/conversations";

/**
 * Decides "not yours / not found" before anything is streamed: the page below sits in a
 * loading boundary (loading.tsx), and once its skeleton has been sent the status can no longer
 * be 404. This check is one row by primary key; the page loads the rest.
 */
export default async function ConversationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  if (!(await mayReadConversation(await requirePageActor(), id))) notFound();
  return children;
}
