"use client";

import { createContext, type ReactNode, useContext } from "react";

export type WorkspaceKind = "PERSONAL" | "TEAM";
export type MemberRole = "OWNER" | "ADMIN" | "MEMBER";

export interface WorkspaceChoice {
  workspaceId: string;
  name: string;
  kind: WorkspaceKind;
  role: MemberRole;
}

export interface TeamContextValue {
  /** Every workspace the user belongs to, personal first. */
  workspaces: WorkspaceChoice[];
  /** The one this page acts in. */
  current: WorkspaceChoice;
  /** The install's admin (sign-up settings). */
  installAdmin: boolean;
}

const TeamContext = createContext<TeamContextValue | null>(null);

/** Set by the signed-in layout, so the sidebar's team parts need no props threaded through it. */
export function TeamProvider({ value, children }: { value: TeamContextValue; children: ReactNode }) {
  return <TeamContext.Provider value={value}>{children}</TeamContext.Provider>;
}

export function useTeam(): TeamContextValue | null {
  return useContext(TeamContext);
}

export const ROLE_LABELS: Record<MemberRole, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };
