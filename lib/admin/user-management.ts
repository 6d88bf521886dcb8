import { z } from "zod";
import { canAdministerInstall } from "@/lib/auth/policy";
import { endAllSessions } from "@/lib/auth/session-version";
import {
  findManagedUser,
  type ManagedMembership,
  type ManagedUser,
  searchUsers,
  setMemberTokenQuota,
  setUserDisabledAt,
  setUserRole,
  setWorkspaceTokenQuota,
  workspaceExists,
} from "@/lib/db/admin";
import { USER_ROLES, type UserRole } from "@/lib/db/enums";
import { AppError, notFound } from "@/lib/errors";
import { parseInput, TokensSchema } from "./input";

/**
 * User management from the admin pages, for the system admin only: everyone else gets the same
 * not-found as for a page that does not exist. Disabling takes effect on the user's very next
 * request: sessions and API keys both read the user fresh (lib/auth/session.ts, api-keys.ts).
 */
interface AdminActor {
  userId: string;
  user: { role: UserRole };
}

function requireSystemAdmin(actor: AdminActor): void {
  if (!canAdministerInstall(actor.user)) throw notFound();
}

export const USERS_PAGE_SIZE = 25;

const IdSchema = z.string({ error: "Not found" }).trim().min(1, "Not found").max(64, "Not found");

const SearchSchema = z.object({
  q: z.string().trim().max(200).default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function searchUsersAs(
  actor: AdminActor,
  input: { q?: unknown; page?: unknown },
): Promise<{ users: ManagedUser[]; total: number; page: number; pages: number; q: string }> {
  requireSystemAdmin(actor);
  const { q, page } = parseInput(SearchSchema, input);
  const { users, total } = await searchUsers(q, (page - 1) * USERS_PAGE_SIZE, USERS_PAGE_SIZE);
  return { users, total, page, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)), q };
}

export async function userDetailsAs(
  actor: AdminActor,
  userId: unknown,
): Promise<ManagedUser & { memberships: ManagedMembership[] }> {
  requireSystemAdmin(actor);
  const user = await findManagedUser(parseInput(IdSchema, userId));
  if (!user) throw notFound("User not found");
  return user;
}

const RoleSchema = z.enum(USER_ROLES, { error: "Role must be USER or ADMIN" });

export async function setRoleAs(actor: AdminActor, userId: unknown, role: unknown): Promise<void> {
  requireSystemAdmin(actor);
  const id = parseInput(IdSchema, userId);
  const newRole = parseInput(RoleSchema, role);
  // The admin cannot lock themselves out of the admin area.
  if (id === actor.userId && newRole !== "ADMIN") {
    throw new AppError("invalid_request", "You cannot remove your own admin role");
  }
  if (!(await findManagedUser(id))) throw notFound("User not found");
  await setUserRole(id, newRole);
}

export async function setDisabledAs(actor: AdminActor, userId: unknown, disabled: boolean): Promise<void> {
  requireSystemAdmin(actor);
  const id = parseInput(IdSchema, userId);
  if (id === actor.userId && disabled) throw new AppError("invalid_request", "You cannot disable yourself");
  if (!(await setUserDisabledAt(id, disabled ? new Date() : null))) throw notFound("User not found");
  // Re-enabling later must not bring the sessions from before back.
  if (disabled) await endAllSessions(id);
}

/** Tokens, or empty for "none": the plan's quota for a workspace, no cap for a member. */
const OptionalTokensSchema = z.union([
  z
    .string()
    .trim()
    .length(0)
    .transform(() => null),
  TokensSchema,
]);

export async function setWorkspaceQuotaAs(actor: AdminActor, workspaceId: unknown, tokens: unknown): Promise<void> {
  requireSystemAdmin(actor);
  const id = parseInput(IdSchema, workspaceId);
  const quota = parseInput(OptionalTokensSchema, tokens);
  if (!(await workspaceExists(id))) throw notFound("Workspace not found");
  await setWorkspaceTokenQuota(id, quota);
}

export async function setMemberQuotaAs(
  actor: AdminActor,
  workspaceId: unknown,
  userId: unknown,
  tokens: unknown,
): Promise<void> {
  requireSystemAdmin(actor);
  const quota = parseInput(OptionalTokensSchema, tokens);
  if (!(await setMemberTokenQuota(parseInput(IdSchema, workspaceId), parseInput(IdSchema, userId), quota))) {
    throw notFound("Membership not found");
  }
}
