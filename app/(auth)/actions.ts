"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { requestOrigin } from "@/components/docs/origin";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { AccountDisabled, SignInThrottled, signIn } from "@/lib/auth/config";
import { CredentialsSchema, RegistrationSchema, registerUser } from "@/lib/auth/register";
import { actInWorkspace } from "@/lib/auth/session";
import { clientAddress, signInRetryAfter, tooManySignIns } from "@/lib/auth/sign-in-throttle";
import { AppError, toAppError } from "@/lib/errors";

export type AuthField = "name" | "email" | "password";

export interface AuthFormState {
  /** User-facing messages, shown together in the form's alert. */
  errors: string[];
  /** Fields to highlight as invalid. */
  invalid: AuthField[];
}

const WRONG_CREDENTIALS = "Wrong email or password";
const ACCOUNT_DISABLED = "This account is disabled. Ask your administrator to enable it again.";

function str(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

function issuesToState(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AuthFormState {
  const invalid = new Set<AuthField>();
  const errors: string[] = [];
  for (const issue of issues) {
    const field = issue.path[0];
    if (field === "name" || field === "email" || field === "password") {
      if (invalid.has(field)) continue;
      invalid.add(field);
    }
    errors.push(issue.message);
  }
  return { errors, invalid: [...invalid] };
}

/**
 * Signs in with the credentials provider. On success `signIn` redirects by throwing, so only
 * Auth.js' own errors are turned into a message; anything else (the redirect) is re-thrown.
 */
async function signInWithCredentials(email: string, password: string, redirectTo = "/"): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof SignInThrottled) {
      const wait = await signInRetryAfter(email, clientAddress(await headers()));
      return { errors: [tooManySignIns(Math.max(1, wait)).message], invalid: [] };
    }
    if (error instanceof AccountDisabled) return { errors: [ACCOUNT_DISABLED], invalid: [] };
    if (error instanceof AuthError) return { errors: [WRONG_CREDENTIALS], invalid: ["email", "password"] };
    throw error;
  }
  return { errors: [], invalid: [] };
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = CredentialsSchema.safeParse({ email: str(formData, "email"), password: str(formData, "password") });
  if (!parsed.success) return issuesToState(parsed.error.issues);
  return signInWithCredentials(parsed.data.email, parsed.data.password, localPath(str(formData, "next")));
}

/**
 * Where to go after signing in (an invite link, say): only paths on this site, never elsewhere,
 * and as the URL parser writes them, so no control character reaches the Location header.
 */
function localPath(next: string): string {
  if (!/^\/(?![/\\])/.test(next)) return "/";
  const base = "http://local.invalid";
  try {
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

export async function registerAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = RegistrationSchema.safeParse({
    name: str(formData, "name"),
    email: str(formData, "email"),
    password: str(formData, "password"),
    invite: str(formData, "invite") || undefined,
  });
  if (!parsed.success) return issuesToState(parsed.error.issues);
  try {
    const { joinedWorkspaceId } = await registerUser(parsed.data);
    // Registered through an invite: start in the team just joined.
    if (joinedWorkspaceId) await actInWorkspace(joinedWorkspaceId);
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") {
      return { errors: [error.message], invalid: ["email"] };
    }
    if (error instanceof AppError && error.code === "forbidden") return { errors: [error.message], invalid: [] };
    throw error;
  }
  return signInWithCredentials(parsed.data.email, parsed.data.password);
}

/** The OAuth buttons' action: the provider id comes from the button's form. */
export async function oauthSignInAction(formData: FormData): Promise<void> {
  await signIn(str(formData, "provider"), { redirectTo: "/" });
}

export interface ForgotPasswordState {
  errors: string[];
  /** The same answer whether or not the email has an account. */
  sent: string | null;
}

/**
 * "Forgot password?". The emailed link's address comes from AUTH_URL when it is set, so a forged
 * Host header cannot point someone else's reset email at another site.
 */
export async function forgotPasswordAction(
  _prev: ForgotPasswordState,
  formData: FormData,
): Promise<ForgotPasswordState> {
  const head = await headers();
  const client = clientAddress(head);
  const siteOrigin = process.env.AUTH_URL ? new URL(process.env.AUTH_URL).origin : requestOrigin(head);
  try {
    return { errors: [], sent: await requestPasswordReset({ email: formData.get("email") }, { client, siteOrigin }) };
  } catch (error) {
    return { errors: [toAppError(error, "Could not send the link").message], sent: null };
  }
}
