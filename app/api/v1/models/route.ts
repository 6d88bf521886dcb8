import { nextRoute } from "@/lib/api/door";
import { modelsDoor } from "@/lib/api/v1-doors";

/** `GET /api/v1/models`: lib/api/v1-doors.ts (in production, served by lib/api/lean-door.ts). */
export const GET = nextRoute(modelsDoor);
