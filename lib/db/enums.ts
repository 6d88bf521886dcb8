/** The string values the schema stores in its enumerated columns (see prisma/schema.prisma). */
export const USER_ROLES = ["USER", "ADMIN"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const WORKSPACE_KINDS = ["PERSONAL", "TEAM"] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

export const MEMBER_ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MESSAGE_ROLES = ["user", "assistant", "system"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** How a saved message ended. INTERRUPTED: its run died mid-answer and the reaper finished it. */
export const MESSAGE_STATUSES = ["COMPLETE", "STOPPED", "ERROR", "INTERRUPTED"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The status of an answer still being generated: its row holds the last checkpoint. Listings
 * leave such rows out (readers follow the run's log instead, lib/chat/runs).
 */
export const GENERATING = "GENERATING";

/** REPORTED by the upstream | counted with the model family's TOKENIZER | ESTIMATED (~4 chars a token). */
export const TOKEN_SOURCES = ["REPORTED", "TOKENIZER", "ESTIMATED"] as const;
export type TokenSource = (typeof TOKEN_SOURCES)[number];

export const USAGE_OUTCOMES = ["OK", "STOPPED", "ERROR", "INTERRUPTED"] as const;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

/** What a ledger row paid for: an answer, or a conversation's generated title. */
export const USAGE_PURPOSES = ["CHAT", "TITLE"] as const;
export type UsagePurpose = (typeof USAGE_PURPOSES)[number];

/** Where a conversation's title came from: a generated one replaces only FIRST_MESSAGE; USER always wins. */
export const TITLE_SOURCES = ["FIRST_MESSAGE", "GENERATED", "USER"] as const;
export type TitleSource = (typeof TITLE_SOURCES)[number];

export const VISIBILITIES = ["PRIVATE", "TEAM"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The roles an invite may grant: ownership is handed over inside the team, never by link. */
export const INVITE_ROLES = ["ADMIN", "MEMBER"] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];
