import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { CardPage } from "@/components/ui/card-page";
import { currentActor } from "@/lib/auth/session";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  // Signed-in visitors have nothing to do here.
  if (await currentActor()) redirect("/");
  return <CardPage>{children}</CardPage>;
}
