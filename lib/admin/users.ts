import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { type AdminUserRow, listUsersWithPlans, setUserRole } from "@/lib/db/admin";
import { createUserWithWorkspace, findActiveUser, findUserByEmail, type UserRecord } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { EmailSchema, parseInput } from "./input";

/** Operators' user management: accounts created from the command line, listing. */

export const CreateUserSchema = z.object({
  email: EmailSchema,
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name must not be empty")
    .max(80, "Name must be at most 80 characters"),
  password: z
    .string()
    .min(8, "Password must have at least 8 characters")
    .max(200, "Password must be at most 200 characters")
    .optional(),
  admin: z.boolean().default(false),
});

export interface CreatedUser {
  user: UserRecord;
  workspaceId: string;
  /** Set when no password was given: generated, returned once, only its hash is stored. */
  generatedPassword: string | null;
}

/** Creates a user with their personal workspace, like registration does, optionally as ADMIN. */
export async function createUser(input: z.input<typeof CreateUserSchema>): Promise<CreatedUser> {
  const data = parseInput(CreateUserSchema, input);
  if (await findUserByEmail(data.email)) {
    throw new AppError("conflict", `A user with email ${data.email} already exists`);
  }
  const generatedPassword = data.password === undefined ? randomBytes(18).toString("base64url") : null;
  const user = await createUserWithWorkspace({
    email: data.email,
    name: data.name,
    passwordHash: await hashPassword(data.password ?? (generatedPassword as string)),
  });
  if (data.admin && user.role !== "ADMIN") {
    await setUserRole(user.id, "ADMIN");
    user.role = "ADMIN";
  }
  const active = await findActiveUser(user.id);
  if (!active) throw new AppError("internal", "The new user has no personal workspace");
  return { user, workspaceId: active.workspaceId, generatedPassword };
}

export function listUsers(): Promise<AdminUserRow[]> {
  return listUsersWithPlans();
}

/** The user with this email and their personal workspace, or a clear not-found/forbidden error. */
export async function resolveUser(email: unknown): Promise<UserRecord & { workspaceId: string }> {
  const address = parseInput(EmailSchema, email);
  const user = await findUserByEmail(address);
  if (!user) throw new AppError("not_found", `No user with email ${address}`);
  if (user.disabledAt) throw new AppError("forbidden", `User ${address} is disabled`);
  const active = await findActiveUser(user.id);
  if (!active) throw new AppError("not_found", `User ${address} has no personal workspace`);
  return active;
}
