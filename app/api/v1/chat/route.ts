import { nextRoute } from "@/lib/api/door";
import { chatDoor } from "@/lib/api/v1-doors";

/** `POST /api/v1/chat`: lib/api/v1-doors.ts (in production, served by lib/api/lean-door.ts). */
export const POST = nextRoute(chatDoor);
