import { toAppError } from "@/lib/errors";

/** What a server action hands back to the form or button that called it. */
export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

/** Runs an action's work; AppErrors become their user-facing message, anything else a generic one. */
export async function actionResult<T extends object>(
  work: () => Promise<T>,
  fallback: string,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    return { ok: false, error: toAppError(error, fallback).message };
  }
}
