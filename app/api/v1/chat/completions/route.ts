import { nextRoute } from "@/lib/api/door";
import { completionsDoor } from "@/lib/api/v1-doors";

/** `POST /api/v1/chat/completions`: lib/api/v1-doors.ts (in production, served by lib/api/lean-door.ts). */
export const POST = nextRoute(completionsDoor);
