import { z } from "zod";
import { createUserWithWorkspace, findUserByEmail, type UserRecord } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";

export const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(200),
});

export const RegistrationSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(80),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(8, "Use at least 8 characters").max(200),
});

export async function registerUser(input: z.infer<typeof RegistrationSchema>): Promise<UserRecord> {
  if (await findUserByEmail(input.email)) {
    throw new AppError("conflict", "An account with this email already exists");
  }
  return createUserWithWorkspace({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
  });
}

/** The user for these credentials, or null; disabled users cannot sign in. */
export async function checkCredentials(email: string, password: string): Promise<UserRecord | null> {
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok && user && !user.disabledAt ? user : null;
}
