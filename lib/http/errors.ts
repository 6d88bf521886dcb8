import { NextResponse } from "next/server";
import { type AppError, httpStatusOf, toAppError } from "@/lib/errors";

/** The browser routes' error body: `{ error, ...details }` with the code's status. */
export function errorResponse(error: unknown): NextResponse {
  const appError: AppError = toAppError(error);
  return NextResponse.json(
    { error: appError.message, ...appError.details },
    { status: httpStatusOf(appError), headers: appError.headers },
  );
}
