import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createResetLinkAs,
  createResetLinkForEmail,
  describeResetLink,
  resetPassword,
} from "@/lib/account/password-reset";
import { changeName, changePassword, hasPassword, signOutEverywhere } from "@/lib/account/profile";
import { createKeyFor, listKeysFor, revokeKeyFor } from "@/lib/admin/keys";
import { providersOverviewAs } from "@/lib/admin/providers";
import {
  searchUsersAs,
  setDisabledAs,
  setMemberQuotaAs,
  setRoleAs,
  setWorkspaceQuotaAs,
  userDetailsAs,
} from "@/lib/admin/user-management";
import { chatViewOptions } from "@/lib/chat/chat-view";
import { mayReadConversation, readableConversation } from "@/lib/chat/conversations";
import { messageWindow } from "@/lib/chat/message-window";
import { textParts } from "@/lib/chat/parts";
import { startChat } from "@/lib/chat/pipeline";
import { followableAnswer, stopAnswer } from "@/lib/chat/runs/follow";
import { saveChatSettings, showBranch } from "@/lib/chat/settings";
import { chatConfig } from "@/lib/config";
import { exportConversation } from "@/lib/conversations/export";
import { exportAllConversations } from "@/lib/conversations/export-all";
import { importConversations } from "@/lib/conversations/import";
import {
  deleteConversation,
  deleteConversations,
  pinConversation,
  renameConversation,
  restoreConversation,
  restoreConversations,
} from "@/lib/conversations/manage";
import { searchConversations } from "@/lib/conversations/search";
import { sidebarPage } from "@/lib/conversations/sidebar";
import { db } from "@/lib/db/client";
import { listMessages } from "@/lib/db/conversations";
import { setPasswordHash } from "@/lib/db/users";
import { AppError, type ErrorCode } from "@/lib/errors";
import { readableFile, snapshotFile } from "@/lib/files/access";
import { uploadFile } from "@/lib/files/upload";
import { conversationView } from "@/lib/sharing/conversation-view";
import { forkConversation } from "@/lib/sharing/fork";
import { publishSnapshot, readPublicSnapshot, revokePublicLink } from "@/lib/sharing/public-links";
import { listSharedWithTeam } from "@/lib/sharing/shared-list";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { acceptInvite, createInvite, describeInvite, listInvites, revokeInvite } from "@/lib/teams/invites";
import { changeMemberRole, leaveTeam, removeMember, teamMembers, teamUsage } from "@/lib/teams/members";
import { createTeam, enterWorkspace, listMyWorkspaces } from "@/lib/teams/workspaces";
import { fileScene } from "@/lib/testing/files";
import { collect, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { PNG } from "@/lib/testing/sample-files";
import { ACTOR_KINDS, type ActorKind, buildTeamScene, ORIGIN, type TeamScene } from "@/lib/testing/team-scene";
import { loadUsageReport, requireAdminScope } from "@/lib/usage/dashboard";
import { parseUsageFilters } from "@/lib/usage/dashboard-filters";
import { loadMyUsage } from "@/lib/usage/my-usage";
import type { Actor } from "./actor";
import { hashPassword } from "./password";
import { registerUser } from "./register";
import { mustBeSignedIn, type SessionActor } from "./session-actor";
import { setSignupMode, signupMode, signupSettings } from "./signup";

/**
 * The authorization matrix. Each row is something a door (a page, a route handler, a server
 * action) lets a request attempt on a conversation, message, public link, invite, membership,
 * API key or usage record, with the doors that expose it and the actors who must be allowed;
 * every other actor must be refused. Every row runs against a real database (SQLite and
 * PostgreSQL) with real actors resolved as the doors resolve them (lib/testing/team-scene.ts),
 * through the same lib/ operation the doors call.
 *
 * Refused = the door turns the request away before any operation (anonymous; an API key at a
 * browser-only door), or the operation throws a 401/403/404 (or 409 for the last-owner rule),
 * or, for lists, the result does not include the target. Any other error fails the test.
 *
 * The second test reads app/ and checks that every route handler, page, layout and exported
 * server action is a door of some row or listed as touching none of these resources: a new
 * route cannot ship without a row.
 */

withLocalUpstream();

type Door = string | { door: string; calls: string };

interface Row {
  name: string;
  /** The lib/ function the doors call; each door's source must mention it (or `calls`). */
  op: string;
  doors: Door[];
  allow: ActorKind[];
  /** Resolves true or nothing when the attempt succeeded on the target; false or a refusal otherwise. */
  run: (actor: Actor, scene: TeamScene) => Promise<unknown>;
  /** Public doors run for anonymous visitors too (actor null). */
  publicRun?: (scene: TeamScene) => Promise<unknown>;
  /** Changes what it touches: each actor expected to succeed gets a fresh scene. */
  mutates?: boolean;
  /** The operation needs a browser session (an API key never reaches its door). */
  sessionOnly?: boolean;
}

const REFUSALS = new Set<ErrorCode>(["unauthenticated", "forbidden", "not_found", "conflict"]);
const C = "app/(chat)/c/[id]/actions.ts";
const TEAM = "app/(chat)/team/actions.ts";
const KEYS = "app/(chat)/settings/api-keys/actions.ts";
const CONVERSATIONS = "app/(chat)/conversations/actions.ts";
const CHAT = "app/(chat)/chat-actions.ts";
const ADMIN_USERS = "app/(admin)/admin/users/actions.ts";
const ACCOUNT = "app/(chat)/settings/account/actions.ts";
const RESET = "app/reset-password/[token]";

const inTeam = (s: TeamScene, actor: Actor) => actor.workspaceId === s.teamId;
const asSession = (actor: Actor) => actor as SessionActor;
/** A file through a snapshot's link (the live one holds the shared conversation's, the revoked one the private's). */
const snapshotOf = (
  files: Awaited<ReturnType<typeof fileScene>>,
  link: "live" | "revoked",
  file: "sharedFileId" | "privateFileId" = "sharedFileId",
) => snapshotFile(link === "live" ? files.liveToken : files.revokedToken, files[file]);
const BROWSER_CHAT_DOORS = [
  "app/api/chat/route.ts",
  "app/api/v1/chat/route.ts",
  "app/api/v1/chat/completions/route.ts",
];
const MEMBERS: ActorKind[] = ["owner", "admin", "member"];
const ADMINS: ActorKind[] = ["owner", "admin"];
const EVERYONE = [...ACTOR_KINDS];
/** Everyone signed in through the browser (their own account, whichever workspace they act in). */
const SIGNED_IN: ActorKind[] = ["owner", "admin", "member", "otherWorkspace", "removed", "installAdmin"];

const ROWS: Row[] = [
  // Conversations and messages.
  {
    name: "read a conversation shared with the team",
    op: "readableConversation",
    doors: ["app/api/conversations/[id]/route.ts"],
    allow: MEMBERS,
    run: (a, s) => readableConversation(a, s.shared.id),
  },
  {
    name: "read a private conversation",
    op: "readableConversation",
    doors: ["app/api/conversations/[id]/route.ts"],
    allow: ["owner"],
    run: (a, s) => readableConversation(a, s.privateChat.id),
  },
  {
    name: "open the page of a shared conversation",
    op: "conversationView",
    doors: ["app/(chat)/c/[id]/page.tsx"],
    allow: MEMBERS,
    run: (a, s) => conversationView(a, s.shared.id),
  },
  {
    name: "open the page of a private conversation",
    op: "conversationView",
    doors: ["app/(chat)/c/[id]/page.tsx"],
    allow: ["owner"],
    run: (a, s) => conversationView(a, s.privateChat.id),
  },
  {
    name: "load earlier messages of a shared conversation",
    op: "messageWindow",
    doors: ["app/api/conversations/[id]/messages/route.ts"],
    allow: MEMBERS,
    run: async (a, s) => (await messageWindow(a, s.shared.id)).messages.length > 0,
  },
  {
    name: "load earlier messages of a private conversation",
    op: "messageWindow",
    doors: ["app/api/conversations/[id]/messages/route.ts"],
    allow: ["owner"],
    run: async (a, s) => (await messageWindow(a, s.privateChat.id)).messages.length > 0,
  },
  {
    name: "get past the conversation page's 404 check, shared",
    op: "mayReadConversation",
    doors: ["app/(chat)/c/[id]/layout.tsx"],
    allow: MEMBERS,
    run: (a, s) => mayReadConversation(a, s.shared.id),
  },
  {
    name: "get past the conversation page's 404 check, private",
    op: "mayReadConversation",
    doors: ["app/(chat)/c/[id]/layout.tsx"],
    allow: ["owner"],
    run: (a, s) => mayReadConversation(a, s.privateChat.id),
  },
  {
    name: "get the share controls of a shared conversation",
    op: "conversationView",
    doors: ["app/(chat)/c/[id]/page.tsx"],
    allow: ["owner"],
    run: async (a, s) => (await conversationView(a, s.shared.id)).sharing !== null,
  },
  {
    name: "post a message into a colleague's shared conversation",
    op: "startChat",
    doors: BROWSER_CHAT_DOORS,
    allow: ["owner"],
    mutates: true,
    run: async (a, s) => {
      const run = await startChat({
        actor: a,
        conversationId: s.shared.id,
        messages: [{ role: "user", parts: textParts("hi") }],
      });
      return (await collect(run)).outcome.status === "COMPLETE";
    },
  },
  {
    name: "stop the answer of a shared conversation",
    op: "stopAnswer",
    doors: ["app/api/conversations/[id]/stop/route.ts"],
    allow: ["owner"],
    run: async (a, s) => {
      await stopAnswer(a, s.shared.id);
    },
  },
  {
    name: "follow the answer being generated in a shared conversation",
    op: "followableAnswer",
    doors: ["app/api/conversations/[id]/stream/route.ts"],
    allow: MEMBERS,
    run: (a, s) => followableAnswer(a, s.shared.id),
  },
  {
    name: "see a private conversation in the sidebar",
    op: "sidebarPage",
    doors: ["app/api/conversations/route.ts", "app/(chat)/layout.tsx"],
    allow: ["owner"],
    run: async (a, s) => (await sidebarPage(a, null)).items.some((c) => c.id === s.privateChat.id),
  },
  {
    name: "find a shared conversation by searching",
    op: "searchConversations",
    doors: ["app/api/conversations/search/route.ts"],
    allow: MEMBERS,
    run: async (a, s) => {
      const found = await searchConversations(a, "Launch");
      return found.chats.some((c) => c.conversationId === s.shared.id);
    },
  },
  {
    name: "find a private conversation by searching",
    op: "searchConversations",
    doors: ["app/api/conversations/search/route.ts"],
    allow: ["owner"],
    run: async (a, s) => {
      const found = await searchConversations(a, "Salary");
      return [...found.chats, ...found.messages].some((c) => c.conversationId === s.privateChat.id);
    },
  },
  {
    name: "export a shared conversation",
    op: "exportConversation",
    doors: ["app/api/conversations/[id]/export/route.ts"],
    allow: MEMBERS,
    run: (a, s) => exportConversation(a, s.shared.id, "json"),
  },
  {
    name: "import conversations into the team",
    op: "importConversations",
    doors: ["app/api/conversations/import/route.ts"],
    allow: MEMBERS,
    mutates: true,
    sessionOnly: true,
    run: async (a, s) => {
      const owner = s.actors.owner as Actor;
      const file = await exportConversation(owner, s.shared.id, "json");
      const report = await importConversations(a, file.body);
      const [imported] = report.imported;
      if (!imported) return false;
      return (await db().conversation.findUnique({ where: { id: imported.id } }))?.workspaceId === s.teamId;
    },
  },
  {
    name: "rename a colleague's shared conversation",
    op: "renameConversation",
    doors: [`${CONVERSATIONS}#renameConversationAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => renameConversation(a, s.shared.id, "Renamed"),
  },
  {
    name: "pin a colleague's shared conversation",
    op: "pinConversation",
    doors: [`${CONVERSATIONS}#pinConversationAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => pinConversation(a, s.shared.id, true),
  },
  {
    name: "delete a colleague's shared conversation",
    op: "deleteConversation",
    doors: [`${CONVERSATIONS}#deleteConversationAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => deleteConversation(a, s.shared.id),
  },
  {
    name: "restore a deleted conversation",
    op: "restoreConversation",
    doors: [`${CONVERSATIONS}#restoreConversationAction`],
    allow: ["owner"],
    mutates: true,
    run: async (a, s) => {
      await deleteConversation(s.actors.owner as Actor, s.privateChat.id);
      return restoreConversation(a, s.privateChat.id);
    },
  },
  {
    name: "delete a colleague's shared conversation among several (select mode)",
    op: "deleteConversations",
    doors: [`${CONVERSATIONS}#deleteConversationsAction`],
    allow: ["owner"],
    mutates: true,
    run: async (a, s) => (await deleteConversations(a, [s.shared.id, s.privateChat.id])).deleted.includes(s.shared.id),
  },
  {
    name: "restore several deleted conversations (select mode's Undo)",
    op: "restoreConversations",
    doors: [`${CONVERSATIONS}#restoreConversationsAction`],
    allow: ["owner"],
    mutates: true,
    run: async (a, s) => {
      await deleteConversation(s.actors.owner as Actor, s.privateChat.id);
      return (await restoreConversations(a, [s.privateChat.id])).restored.some((c) => c.id === s.privateChat.id);
    },
  },
  {
    name: "change the settings of a colleague's shared conversation",
    op: "saveChatSettings",
    doors: [`${CHAT}#saveChatSettingsAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) =>
      saveChatSettings(a, s.shared.id, {
        model: chatConfig().defaultModel,
        systemPrompt: "Be brief",
        temperature: null,
        maxTokens: null,
      }),
  },
  {
    name: "choose the branch a colleague's shared conversation shows",
    op: "showBranch",
    doors: [`${CHAT}#showBranchAction`],
    allow: ["owner"],
    mutates: true,
    run: async (a, s) => {
      const [first] = await listMessages(s.shared.id);
      await showBranch(a, s.shared.id, first?.id);
    },
  },
  {
    name: "make a shared conversation private again",
    op: "setConversationVisibility",
    doors: [`${C}#setVisibilityAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => setConversationVisibility(a, { conversationId: s.shared.id, visibility: "PRIVATE" }),
  },
  {
    name: "share a private conversation with the team",
    op: "setConversationVisibility",
    doors: [`${C}#setVisibilityAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => setConversationVisibility(a, { conversationId: s.privateChat.id, visibility: "TEAM" }),
  },
  {
    name: "continue a shared conversation in my own copy",
    op: "forkConversation",
    doors: [`${C}#forkConversationAction`],
    allow: MEMBERS,
    mutates: true,
    run: async (a, s) => {
      const { id } = await forkConversation(a, { conversationId: s.shared.id });
      return (await readableConversation(a, id)).conversation.ownerId === a.userId;
    },
  },
  {
    name: "continue a private conversation in my own copy",
    op: "forkConversation",
    doors: [`${C}#forkConversationAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => forkConversation(a, { conversationId: s.privateChat.id }),
  },
  {
    name: "see the shared conversation in the team's shared list",
    op: "listSharedWithTeam",
    doors: ["app/(chat)/shared/page.tsx"],
    allow: MEMBERS,
    run: async (a, s) => (await listSharedWithTeam(a, {})).items.some((i) => i.id === s.shared.id),
  },
  {
    name: "see a private conversation in the team's shared list",
    op: "listSharedWithTeam",
    doors: ["app/(chat)/shared/page.tsx"],
    allow: [],
    run: async (a, s) => (await listSharedWithTeam(a, {})).items.some((i) => i.id === s.privateChat.id),
  },

  // Public links.
  {
    name: "publish a snapshot of a shared conversation",
    op: "publishSnapshot",
    doors: [`${C}#publishSnapshotAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => publishSnapshot(a, s.shared.id, ORIGIN),
  },
  {
    name: "revoke the public link of a conversation",
    op: "revokePublicLink",
    doors: [`${C}#revokePublicLinkAction`],
    allow: ADMINS,
    mutates: true,
    run: (a, s) => revokePublicLink(a, s.shared.id),
  },
  {
    name: "read a live public link",
    op: "readPublicSnapshot",
    doors: ["app/share/[token]/page.tsx"],
    allow: EVERYONE,
    run: (_a, s) => readPublicSnapshot(s.liveToken).then(Boolean),
    publicRun: (s) => readPublicSnapshot(s.liveToken).then(Boolean),
  },
  {
    name: "read a revoked public link",
    op: "readPublicSnapshot",
    doors: ["app/share/[token]/page.tsx"],
    allow: [],
    run: (_a, s) => readPublicSnapshot(s.revokedToken).then(Boolean),
    publicRun: (s) => readPublicSnapshot(s.revokedToken).then(Boolean),
  },

  // Files: readable exactly by whoever may read a message holding them (lib/testing/files.ts).
  {
    name: "upload a file",
    op: "uploadFile",
    doors: ["app/api/files/route.ts"],
    allow: SIGNED_IN,
    mutates: true,
    run: (a) => uploadFile(a, { name: "dot.png", bytes: PNG }),
  },
  {
    name: "read a file of a conversation shared with the team",
    op: "readableFile",
    doors: ["app/api/files/[id]/route.ts"],
    allow: MEMBERS,
    sessionOnly: true,
    run: async (a, s) => readableFile(a, (await fileScene(s)).sharedFileId),
    publicRun: async (s) => readableFile(null, (await fileScene(s)).sharedFileId),
  },
  {
    name: "read a file of a private conversation",
    op: "readableFile",
    doors: ["app/api/files/[id]/route.ts"],
    allow: ["owner"],
    sessionOnly: true,
    run: async (a, s) => readableFile(a, (await fileScene(s)).privateFileId),
    publicRun: async (s) => readableFile(null, (await fileScene(s)).privateFileId),
  },
  {
    name: "read a file uploaded and not sent yet",
    op: "readableFile",
    doors: ["app/api/files/[id]/route.ts"],
    allow: ["owner"],
    sessionOnly: true,
    run: async (a, s) => readableFile(a, (await fileScene(s)).unsentFileId),
    publicRun: async (s) => readableFile(null, (await fileScene(s)).unsentFileId),
  },
  {
    name: "read a file of a live public snapshot through its link",
    op: "snapshotFile",
    doors: ["app/share/[token]/files/[id]/route.ts"],
    allow: EVERYONE,
    run: async (_a, s) => snapshotOf(await fileScene(s), "live"),
    publicRun: async (s) => snapshotOf(await fileScene(s), "live"),
  },
  {
    name: "read a file of a revoked public snapshot through its link",
    op: "snapshotFile",
    doors: ["app/share/[token]/files/[id]/route.ts"],
    allow: [],
    run: async (_a, s) => snapshotOf(await fileScene(s), "revoked", "privateFileId"),
    publicRun: async (s) => snapshotOf(await fileScene(s), "revoked", "privateFileId"),
  },
  {
    name: "read a private conversation's file through another snapshot's link",
    op: "snapshotFile",
    doors: ["app/share/[token]/files/[id]/route.ts"],
    allow: [],
    run: async (_a, s) => snapshotOf(await fileScene(s), "live", "privateFileId"),
    publicRun: async (s) => snapshotOf(await fileScene(s), "live", "privateFileId"),
  },
  // Workspaces and memberships.
  {
    name: "see the team in the workspace switcher",
    op: "listMyWorkspaces",
    doors: ["app/(chat)/layout.tsx"],
    allow: MEMBERS,
    run: async (a, s) => (await listMyWorkspaces(a)).some((w) => w.workspaceId === s.teamId),
  },
  {
    name: "switch to the team",
    op: "enterWorkspace",
    doors: [`${TEAM}#switchWorkspaceAction`],
    allow: MEMBERS,
    run: (a, s) => enterWorkspace(a, s.teamId),
  },
  {
    name: "create a team",
    op: "createTeam",
    doors: [`${TEAM}#createTeamAction`],
    allow: ["owner", "admin", "member", "otherWorkspace", "removed", "installAdmin"],
    mutates: true,
    run: (a) => createTeam(a, "New team"),
  },
  {
    name: "see the team's members",
    op: "teamMembers",
    doors: ["app/(chat)/team/page.tsx"],
    allow: MEMBERS,
    run: async (a, s) => (await teamMembers(a)).workspaceId === s.teamId,
  },
  {
    name: "see the team's usage per member",
    op: "teamUsage",
    doors: ["app/(chat)/team/page.tsx"],
    allow: ADMINS,
    run: async (a, s) => (await teamUsage(a))[s.people.owner.userId] !== undefined && inTeam(s, a),
  },
  {
    name: "make another member an admin",
    op: "changeMemberRole",
    doors: [`${TEAM}#changeRoleAction`],
    allow: ADMINS,
    mutates: true,
    run: (a, s) => changeMemberRole(a, { userId: s.people.colleague.userId, role: "ADMIN" }),
  },
  {
    name: "demote the team's only owner",
    op: "changeMemberRole",
    doors: [`${TEAM}#changeRoleAction`],
    allow: [],
    mutates: true,
    run: (a, s) => changeMemberRole(a, { userId: s.people.owner.userId, role: "MEMBER" }),
  },
  {
    name: "remove another member",
    op: "removeMember",
    doors: [`${TEAM}#removeMemberAction`],
    allow: ADMINS,
    mutates: true,
    run: (a, s) => removeMember(a, s.people.colleague.userId),
  },
  {
    name: "remove the team's only owner",
    op: "removeMember",
    doors: [`${TEAM}#removeMemberAction`],
    allow: [],
    mutates: true,
    run: (a, s) => removeMember(a, s.people.owner.userId),
  },
  {
    name: "leave the team",
    op: "leaveTeam",
    // The only owner cannot leave (someone else must own the team first).
    doors: [`${TEAM}#leaveTeamAction`],
    allow: ["admin", "member"],
    mutates: true,
    run: async (a, s) => {
      await leaveTeam(a);
      return inTeam(s, a);
    },
  },

  // Invites.
  {
    name: "invite someone to the team",
    op: "createInvite",
    doors: [`${TEAM}#inviteMemberAction`],
    allow: ADMINS,
    mutates: true,
    run: async (a, s) => {
      await createInvite(a, { email: `new-${Date.now()}@example.test` }, ORIGIN);
      return inTeam(s, a);
    },
  },
  {
    name: "see the team's pending invites",
    op: "listInvites",
    doors: ["app/(chat)/team/page.tsx"],
    allow: ADMINS,
    run: async (a, s) => (await listInvites(a)).some((i) => i.id === s.pendingInviteId),
  },
  {
    name: "revoke a pending invite",
    op: "revokeInvite",
    doors: [`${TEAM}#revokeInviteAction`],
    allow: ADMINS,
    mutates: true,
    run: (a, s) => revokeInvite(a, s.pendingInviteId),
  },
  {
    name: "accept an invite sent to someone else",
    op: "acceptInvite",
    doors: ["app/invite/[token]/actions.ts#acceptInviteAction"],
    allow: [],
    mutates: true,
    run: (a, s) => acceptInvite(a, s.pendingToken),
  },
  {
    name: "see who an invite link is for (whoever holds the link)",
    op: "describeInvite",
    doors: ["app/invite/[token]/page.tsx", "app/(auth)/register/page.tsx"],
    allow: EVERYONE,
    run: (_a, s) => describeInvite(s.pendingToken).then(Boolean),
    publicRun: (s) => describeInvite(s.pendingToken).then(Boolean),
  },
  {
    name: "register through an invite link (joins its team)",
    op: "registerUser",
    doors: ["app/(auth)/actions.ts#registerAction"],
    allow: EVERYONE,
    mutates: true,
    run: (_a, s) => registerThroughInvite(s),
    publicRun: (s) => registerThroughInvite(s),
  },

  // API keys.
  {
    name: "create an API key acting in the team",
    op: "createKeyFor",
    doors: [`${KEYS}#createApiKeyAction`],
    allow: MEMBERS,
    mutates: true,
    sessionOnly: true,
    run: async (a, s) => {
      const { view } = await createKeyFor(a, { name: "k" });
      return (await db().apiKey.findUniqueOrThrow({ where: { id: view.id } })).workspaceId === s.teamId;
    },
  },
  {
    name: "see the owner's API key of the team",
    op: "listKeysFor",
    doors: ["app/(chat)/settings/api-keys/page.tsx"],
    allow: ["owner"],
    run: async (a, s) => (await listKeysFor(a)).some((k) => k.id === s.ownerKeyId),
  },
  {
    name: "revoke the owner's API key of the team",
    op: "revokeKeyFor",
    doors: [`${KEYS}#revokeApiKeyAction`],
    allow: ["owner"],
    mutates: true,
    run: (a, s) => revokeKeyFor(a, s.ownerKeyId),
  },

  // Usage records.
  {
    name: "see the team's tokens left this month",
    op: "chatViewOptions",
    doors: ["app/(chat)/page.tsx", "app/(chat)/c/[id]/page.tsx"],
    allow: MEMBERS,
    // The quota shown is the one of the actor's own workspace: the team's only for its members.
    run: async (a, s) => (await chatViewOptions(a, null)).quotaLeft > 0 && inTeam(s, a),
  },
  {
    name: "see my own usage in the team",
    op: "loadMyUsage",
    doors: ["app/(chat)/usage/page.tsx"],
    allow: MEMBERS,
    run: async (a, s) => (await loadMyUsage(a)) && inTeam(s, a),
  },
  {
    name: "see the team on the usage dashboard",
    op: "requireAdminScope",
    doors: [
      "app/(admin)/admin/usage/export/route.ts",
      { door: "app/(admin)/layout.tsx", calls: "adminScopeOf" },
      { door: "app/(admin)/admin/usage/page.tsx", calls: "pageReport" },
      { door: "app/(admin)/admin/usage/users/[userId]/page.tsx", calls: "pageReport" },
    ],
    allow: ["owner", "admin", "installAdmin"],
    sessionOnly: true,
    run: async (a, s) => {
      const scope = await requireAdminScope(asSession(a));
      return loadUsageReport(scope, parseUsageFilters({ workspace: s.teamId }));
    },
  },
  {
    name: "find a team member among the install's users",
    op: "searchUsersAs",
    doors: ["app/(admin)/admin/users/page.tsx"],
    allow: ["installAdmin"],
    sessionOnly: true,
    run: async (a, s) =>
      (await searchUsersAs(asSession(a), { q: s.people.member.email })).users.some(
        (u) => u.id === s.people.member.userId,
      ),
  },
  {
    name: "see a team member's account and memberships",
    op: "userDetailsAs",
    doors: ["app/(admin)/admin/users/[userId]/page.tsx"],
    allow: ["installAdmin"],
    sessionOnly: true,
    run: (a, s) => userDetailsAs(asSession(a), s.people.member.userId),
  },
  {
    name: "see the providers, the names of their key variables and their health",
    op: "providersOverviewAs",
    doors: ["app/(admin)/admin/providers/page.tsx"],
    allow: ["installAdmin"],
    sessionOnly: true,
    run: async (a) => (await providersOverviewAs(asSession(a))).some((p) => p.apiKeyEnv === "CHAT_API_KEY" && p.keySet),
  },
  {
    name: "set a team member's token quota",
    op: "setMemberQuotaAs",
    doors: [`${ADMIN_USERS}#setMemberQuotaAction`],
    allow: ["installAdmin"],
    mutates: true,
    sessionOnly: true,
    run: (a, s) => setMemberQuotaAs(asSession(a), s.teamId, s.people.member.userId, "1000"),
  },
  {
    name: "set the team's token quota",
    op: "setWorkspaceQuotaAs",
    doors: [`${ADMIN_USERS}#setWorkspaceQuotaAction`],
    allow: ["installAdmin"],
    mutates: true,
    sessionOnly: true,
    run: (a, s) => setWorkspaceQuotaAs(asSession(a), s.teamId, "1000"),
  },
  {
    name: "disable a team member's account",
    op: "setDisabledAs",
    doors: [`${ADMIN_USERS}#setDisabledAction`],
    allow: ["installAdmin"],
    mutates: true,
    sessionOnly: true,
    run: (a, s) => setDisabledAs(asSession(a), s.people.member.userId, true),
  },
  {
    name: "make a team member a system admin",
    op: "setRoleAs",
    doors: [`${ADMIN_USERS}#setRoleAction`],
    allow: ["installAdmin"],
    mutates: true,
    sessionOnly: true,
    run: (a, s) => setRoleAs(asSession(a), s.people.member.userId, "ADMIN"),
  },

  // One's own account.
  {
    name: "open my account page",
    op: "hasPassword",
    doors: ["app/(chat)/settings/account/page.tsx"],
    allow: SIGNED_IN,
    run: async (a) => {
      await hasPassword(a);
    },
  },
  {
    name: "change my own name",
    op: "changeName",
    doors: [`${ACCOUNT}#changeNameAction`],
    allow: SIGNED_IN,
    mutates: true,
    run: (a) => changeName(a, "New Name"),
  },
  {
    name: "change my own password (with the current one)",
    op: "changePassword",
    doors: [`${ACCOUNT}#changePasswordAction`],
    allow: SIGNED_IN,
    mutates: true,
    run: async (a) => {
      await setPasswordHash(a.userId, await hashPassword("the old password"));
      await changePassword(a, { current: "the old password", next: "the new password" });
    },
  },
  {
    name: "sign out everywhere (my own sessions)",
    op: "signOutEverywhere",
    doors: [`${ACCOUNT}#signOutEverywhereAction`],
    allow: SIGNED_IN,
    mutates: true,
    run: (a) => signOutEverywhere(a),
  },
  {
    name: "export all conversations, the team owner's private one among them",
    op: "exportAllConversations",
    doors: ["app/api/conversations/export/route.ts"],
    allow: ["owner"],
    run: async (a, s) => {
      const { stream } = await exportAllConversations(a);
      const names = Object.keys(unzipSync(new Uint8Array(await new Response(stream).arrayBuffer())));
      return names.some((name) => name.endsWith(`-${s.privateChat.id}.json`));
    },
  },
  {
    name: "make a password reset link for a team member",
    op: "createResetLinkAs",
    doors: [`${ADMIN_USERS}#createResetLinkAction`],
    allow: ["installAdmin"],
    mutates: true,
    sessionOnly: true,
    run: (a, s) => createResetLinkAs(asSession(a), s.people.member.userId, ORIGIN),
  },
  {
    name: "see whose password a reset link sets (whoever holds the link)",
    op: "describeResetLink",
    doors: [`${RESET}/page.tsx`],
    allow: EVERYONE,
    run: (_a, s) => describeResetThroughLink(s),
    publicRun: (s) => describeResetThroughLink(s),
  },
  {
    name: "set a new password through a reset link (whoever holds the link)",
    op: "resetPassword",
    doors: [`${RESET}/actions.ts#resetPasswordAction`],
    allow: EVERYONE,
    mutates: true,
    run: (_a, s) => resetThroughLink(s),
    publicRun: (s) => resetThroughLink(s),
  },

  // The install.
  {
    name: "see the sign-up setting",
    op: "signupSettings",
    doors: ["app/(chat)/settings/sign-up/page.tsx"],
    allow: ["installAdmin"],
    run: (a) => signupSettings(a),
  },
  {
    name: "change the sign-up setting",
    op: "setSignupMode",
    doors: ["app/(chat)/settings/sign-up/actions.ts#setSignupModeAction"],
    allow: ["installAdmin"],
    // Writes the mode it finds: other suites share this database.
    run: async (a) => setSignupMode(a, await signupMode()),
  },
];

/** Doors that touch none of the matrix's resources, and why. */
const UNGUARDED: Record<string, string> = {
  "app/layout.tsx": "the document shell",
  "app/api/auth/[...nextauth]/route.ts": "Auth.js sign-in and sign-out",
  "app/api/v1/models/route.ts": "the configured models and prices (any valid key)",
  "app/api/v1/openapi.json/route.ts": "the public API description",
  "app/metrics/route.ts":
    "operators' Prometheus figures: a bearer token from METRICS_TOKEN, no actor, 404 unset (lib/metrics.test.ts)",
  "app/(auth)/layout.tsx": "sends signed-in visitors home",
  "app/(auth)/sign-in/page.tsx": "the sign-in form",
  "app/(auth)/actions.ts#signInAction": "signs in with credentials",
  "app/(auth)/actions.ts#oauthSignInAction": "starts an OAuth sign-in",
  "app/(chat)/actions.ts#signOutAction": "signs out",
  "app/(auth)/forgot-password/page.tsx": "the forgot-password form (only with SMTP configured)",
  "app/(auth)/actions.ts#forgotPasswordAction":
    "emails a reset link to the address typed in (rate limited), with the same answer for every address",
  "app/(chat)/docs/api/page.tsx": "API documentation with the actor's own plan",
  "app/(admin)/admin/page.tsx": "redirects to the usage dashboard",
};

/** Outcome of one actor's attempt. */
async function attempt(row: Row, kind: ActorKind, scene: TeamScene): Promise<"allow" | "deny"> {
  const actor = scene.actors[kind];
  try {
    let result: unknown;
    if (actor === null) {
      if (!row.publicRun) {
        // The door's first step: no session, no entry.
        expect(() => mustBeSignedIn(actor)).toThrow(AppError);
        return "deny";
      }
      result = await row.publicRun(scene);
    } else {
      if (row.sessionOnly && actor.via !== "session") return "deny";
      result = await row.run(actor, scene);
    }
    return result === false ? "deny" : "allow";
  } catch (error) {
    if (error instanceof AppError && REFUSALS.has(error.code)) return "deny";
    throw new Error(`${row.name} as ${kind}: unexpected ${String(error)}`, { cause: error });
  }
}

async function registerThroughInvite(scene: TeamScene): Promise<boolean> {
  const { joinedWorkspaceId } = await registerUser({
    name: "Invited Person",
    email: scene.pendingEmail,
    password: "correct horse battery",
    invite: scene.pendingToken,
  });
  return joinedWorkspaceId === scene.teamId;
}

const resetTokenFor = async (s: TeamScene) =>
  (await createResetLinkForEmail(s.people.colleague.email, ORIGIN)).url.split("/").pop();

async function describeResetThroughLink(scene: TeamScene): Promise<boolean> {
  return (await describeResetLink(await resetTokenFor(scene))).email === scene.people.colleague.email;
}

async function resetThroughLink(scene: TeamScene): Promise<boolean> {
  const { userId } = await resetPassword(await resetTokenFor(scene), { password: "a new password" });
  return userId === scene.people.colleague.userId;
}

let shared: TeamScene;
const results: { row: string; unexpectedAllows: string[] }[] = [];

beforeAll(async () => {
  if (process.env.DATABASE_URL) shared = await buildTeamScene();
}, 60_000);

afterAll(() => {
  if (results.length === 0) return;
  const unexpected = results.flatMap((r) => r.unexpectedAllows.map((kind) => `${r.row} as ${kind}`));
  console.log(
    `authorization matrix: ${results.length} rows × ${ACTOR_KINDS.length} actors, ${unexpected.length} unexpected allows`,
  );
});

describeDb("authorization matrix", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))(
    "%s",
    async (_name, row) => {
      const expected = Object.fromEntries(ACTOR_KINDS.map((k) => [k, row.allow.includes(k) ? "allow" : "deny"]));
      const actual: Record<string, string> = {};
      // Refusals must leave things as they were, so the expected-refused actors share one scene.
      const refusedScene = row.mutates ? await buildTeamScene() : shared;
      for (const kind of ACTOR_KINDS.filter((k) => !row.allow.includes(k))) {
        actual[kind] = await attempt(row, kind, refusedScene);
      }
      for (const kind of row.allow) {
        actual[kind] = await attempt(row, kind, row.mutates ? await buildTeamScene() : shared);
      }
      results.push({
        row: row.name,
        unexpectedAllows: ACTOR_KINDS.filter((k) => actual[k] === "allow" && expected[k] === "deny"),
      });
      expect(actual).toEqual(expected);
    },
    120_000,
  );

  it("has a row for every door in app/ that touches these resources", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const doors = listDoors(path.join(root, "app")).map(
      (d) => path.relative(root, d.file) + (d.action ? `#${d.action}` : ""),
    );
    const covered = new Map<string, string[]>();
    for (const row of ROWS) {
      for (const door of row.doors) {
        const id = typeof door === "string" ? door : door.door;
        covered.set(id, [...(covered.get(id) ?? []), typeof door === "string" ? row.op : door.calls]);
      }
    }
    const missing = doors.filter((d) => !covered.has(d) && !(d in UNGUARDED));
    expect(missing, "doors without a row in the authorization matrix (or a reason in UNGUARDED)").toEqual([]);
    const stale = [...covered.keys(), ...Object.keys(UNGUARDED)].filter((d) => !doors.includes(d));
    expect(stale, "rows naming doors that do not exist").toEqual([]);
    // Each door really calls the operation its rows test. A public API route wraps its door
    // function (lib/api/v1-doors.ts, also served without Next by lib/api/lean-door.ts): there.
    const read = (file: string) => readFileSync(path.join(root, file), "utf8");
    for (const [door, ops] of covered) {
      const route = read(door.split("#")[0] as string);
      const source = route.includes("@/lib/api/v1-doors") ? route + read("lib/api/v1-doors.ts") : route;
      for (const op of ops) expect(source, `${door} calls ${op}`).toContain(op);
    }
  });
});

/** Route handlers, pages and layouts, and each exported function of every "use server" module. */
function listDoors(dir: string): { file: string; action?: string }[] {
  const doors: { file: string; action?: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      doors.push(...listDoors(file));
      continue;
    }
    if (!/\.(ts|tsx)$/.test(entry.name) || entry.name.includes(".test.")) continue;
    if (/^(route\.ts|page\.tsx|layout\.tsx)$/.test(entry.name)) {
      doors.push({ file });
      continue;
    }
    const source = readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/.test(source)) continue;
    for (const match of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) doors.push({ file, action: match[1] });
  }
  return doors;
}
