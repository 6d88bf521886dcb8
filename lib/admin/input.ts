import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Shared input rules of lib/admin: every function validates with these before touching data. */

/**
 * Parses or throws an `invalid_request` AppError carrying the first problem's message, and the
 * field it is about in `details.field` (when the input is an object), for forms to highlight.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".");
  throw new AppError("invalid_request", issue?.message ?? "Invalid input", field ? { field } : {});
}

export const EmailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address"));

/** The Int columns hold 32-bit values; quotas stay well inside them. */
export const MAX_TOKENS_QUOTA = 2_000_000_000;

/** A whole, non-negative number of tokens, given as a number or a string of digits. */
export const TokensSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, "Tokens must be a whole number").transform(Number)], {
    error: "Tokens must be a whole number",
  })
  .pipe(
    z
      .number()
      .int("Tokens must be a whole number")
      .min(0, "Tokens must be 0 or more")
      .max(MAX_TOKENS_QUOTA, `Tokens must be at most ${MAX_TOKENS_QUOTA.toLocaleString("en-US")}`),
  );
