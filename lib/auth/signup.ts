import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import { hasUsableInvite } from "@/lib/db/invites";
import { readSetting, writeSetting } from "@/lib/db/settings";
import { countUsers, findActiveUser } from "@/lib/db/users";
import { notFound } from "@/lib/errors";
import { isOpenInviteFor } from "@/lib/teams/invites";
import type { Actor } from "./actor";
import { canAdministerInstall } from "./policy";

/** Who may create an account: anyone (open), or only people holding an invite (invite-only). */
export const SIGNUP_MODES = ["open", "invite-only"] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

const SETTING = "signup";
const ModeSchema = z.enum(SIGNUP_MODES, { error: "Choose open or invite-only" });

export async function signupMode(): Promise<SignupMode> {
  const parsed = ModeSchema.safeParse(await readSetting(SETTING));
  return parsed.success ? parsed.data : "open";
}

async function requireInstallAdmin(actor: Actor): Promise<void> {
  const user = await findActiveUser(actor.userId);
  if (actor.via !== "session" || !user || !canAdministerInstall(user)) throw notFound();
}

/** The settings page's view of the switch. Anyone but the system admin finds no such page (404). */
export async function signupSettings(actor: Actor): Promise<{ mode: SignupMode }> {
  await requireInstallAdmin(actor);
  return { mode: await signupMode() };
}

/** The system admin's switch. */
export async function setSignupMode(actor: Actor, mode: unknown): Promise<SignupMode> {
  await requireInstallAdmin(actor);
  const value = parseInput(ModeSchema, mode);
  await writeSetting(SETTING, value);
  return value;
}

/** Whether the register page is open to people without an invite. */
export async function anyoneMaySignUp(): Promise<boolean> {
  return (await signupMode()) === "open" || (await countUsers()) === 0;
}

/**
 * Whether a new account may be created for `email`. The first account of an install always may
 * (it becomes the admin). With invite-only sign-up, a password registration needs an open
 * invite link for that email; an OAuth sign-in (whose provider vouches for the email) needs an
 * open invite for it.
 */
export async function maySignUp(email: string, via: { inviteToken: string | null } | "oauth"): Promise<boolean> {
  if (await anyoneMaySignUp()) return true;
  if (via === "oauth") return hasUsableInvite(email, new Date());
  return via.inviteToken !== null && isOpenInviteFor(via.inviteToken, email);
}
