"use server";

import { AuthError } from "next-auth";
import { AccountDisabled, signIn } from "@/lib/auth/config";
import { CredentialsSchema, RegistrationSchema, registerUser } from "@/lib/auth/register";
import { actInWorkspace } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

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

/** Where to go after signing in (an invite link, say): only paths on this site, never elsewhere. */
function localPath(next: string): string {
  return /^\/(?![/\\])/.test(next) ? next : "/";
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
