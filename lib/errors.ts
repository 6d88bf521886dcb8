/**
 * Typed errors of the whole app. Every door (browser routes, the public API, server actions)
 * maps them to HTTP through `httpStatusOf`, so a code means the same status everywhere.
 */
export type ErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  /** An upload whose content is of a type that may not be attached (lib/files/limits.ts). */
  | "unsupported_media_type"
  | "request_timeout"
  | "quota_exceeded"
  | "rate_limited"
  | "upstream_failed"
  | "upstream_overloaded"
  | "upstream_misconfigured"
  /** This instance is shutting down: try again after Retry-After. */
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** The request body passed the size limit (lib/http/body.ts). */
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** The request body did not arrive in time. */
  request_timeout: 408,
  quota_exceeded: 403,
  rate_limited: 429,
  upstream_failed: 500,
  /** The provider is rate limiting or overloaded (429/503): try again after Retry-After. */
  upstream_overloaded: 503,
  /** The provider refused the server's own key or configuration: an operator problem. */
  upstream_misconfigured: 502,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe, user-facing fields a door may add to its error body (never stack traces or secrets). */
  readonly details: Record<string, string | number>;
  /** HTTP headers that belong with this error (Retry-After, X-RateLimit-*). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, string | number> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function httpStatusOf(error: AppError): number {
  return STATUS[error.code];
}

/** Anything that is not an AppError is an internal fault: log it, show nothing of it. */
export function toAppError(error: unknown, fallbackMessage = "Something went wrong"): AppError {
  if (error instanceof AppError) return error;
  console.error(error);
  return new AppError("internal", fallbackMessage);
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
