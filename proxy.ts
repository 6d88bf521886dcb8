import type { NextRequest, NextResponse } from "next/server";
import { secureRequest } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  return secureRequest(request);
}

export const config = {
  // Not the doors that read large bodies: with a proxy in front, Next reads the whole body before
  // the route runs, which would defeat lib/http/body.ts's early 413 and its timeout.
  matcher: ["/((?!_next/static|_next/image|api/chat|api/v1/chat|api/conversations/import|api/files$).*)"],
};
