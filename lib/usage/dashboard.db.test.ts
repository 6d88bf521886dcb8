import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { authenticateApiKey, createApiKey } from "@/lib/auth/api-keys";
import { resolveSessionActor, type SessionActor } from "@/lib/auth/session-actor";
import { textParts } from "@/lib/chat/parts";
import { startChat } from "@/lib/chat/pipeline";
import { db } from "@/lib/db/client";
import { utcDay } from "@/lib/db/usage";
import { createTeam } from "@/lib/teams/workspaces";
import { collect, createTestActor, describeDb, firstDelta, withLocalUpstream } from "@/lib/testing/fixtures";
import { addRollup } from "@/lib/testing/rollups";
import { joinTeam } from "@/lib/testing/team-scene";
import { type AdminScope, adminScopeOf, loadUsageReport } from "./dashboard";
import { dayOf, parseUsageFilters } from "./dashboard-filters";
import { formatCost, type Table } from "./tables";

const upstream = withLocalUpstream();

const ask = async (actor: Actor, content: string) => {
  const run = await startChat({ actor, messages: [{ role: "user", parts: textParts(content) }] });
  return { run, ...(await collect(run)) };
};

const session = async (userId: string, workspaceId: string | null = null): Promise<SessionActor> => {
  const actor = await resolveSessionActor(userId, workspaceId);
  if (!actor) throw new Error("no session actor");
  return actor;
};

/** The ledger's own sums over some rows: what the dashboard must show. */
async function ledgerSums(where: { workspaceId?: { in: string[] }; userId?: string; apiKeyId?: string }) {
  const rows = await db().usageEvent.findMany({ where });
  return {
    promptTokens: rows.reduce((n, r) => n + r.promptTokens, 0),
    completionTokens: rows.reduce((n, r) => n + r.completionTokens, 0),
    requests: rows.length,
    errors: rows.filter((r) => r.outcome === "ERROR").length,
    // Costs are stored rounded to 1e-8 dollars; summed in another order they agree to that.
    cost: round(rows.reduce((n, r) => n + (r.cost ?? 0), 0)),
    unpricedRequests: rows.filter((r) => r.cost === null).length,
  };
}

const round = (dollars: number) => Math.round(dollars * 1e8) / 1e8;
const column = (table: Table, label: string) => table.columns.findIndex((c) => c.label === label);
const sumColumn = (table: Table, label: string) =>
  table.rows.reduce((n, row) => n + Number(row.cells[column(table, label)] ?? 0), 0);

describeDb("usage dashboard", () => {
  it("shows totals equal to the ledger's, for browser and API traffic together, after conversations are deleted", async () => {
    const ada = await createTestActor("Ada");
    const bob = await createTestActor("Bob");
    // Two keys, one of them never used: only the used one is listed.
    await createApiKey({ workspaceId: ada.workspaceId, userId: ada.userId, name: "ci", expiresAt: null });
    const { key } = await createApiKey({
      workspaceId: ada.workspaceId,
      userId: ada.userId,
      name: "cron",
      expiresAt: null,
    });
    const adaApi = await authenticateApiKey(`Bearer ${key}`);

    // Browser traffic: answers with and without reported usage, a stopped one, a failed one.
    const kept = await ask(ada, "What is a ledger?");
    const deleted = await ask(ada, "Delete this conversation later");
    upstream.current.enqueueFault({ omitUsage: true });
    await ask(ada, "Count this one yourself");
    upstream.current.enqueueFault({ chunkDelayMs: 20 });
    const stopping = await startChat({ actor: ada, messages: [{ role: "user", parts: textParts("Stop me") }] });
    await firstDelta(stopping);
    stopping.generation.stop();
    await collect(stopping);
    upstream.current.enqueueFault({ status: 500 });
    await expect(ask(ada, "Fail before the first byte")).rejects.toMatchObject({ code: "upstream_failed" });
    await ask(bob, "Bob's question");
    // API traffic of the same user, one cut mid-answer.
    const viaApi = await ask(adaApi, "Through the API");
    upstream.current.enqueueFault({ cutAfterChunks: 4 });
    await ask(adaApi, "Cut through the API");

    await db().conversation.delete({ where: { id: deleted.run.conversationId } });
    await db().conversation.delete({ where: { id: viaApi.run.conversationId } });
    expect(kept.outcome.status).toBe("COMPLETE");

    const workspaces = [ada.workspaceId, bob.workspaceId];
    const scope: AdminScope = { workspaceIds: workspaces, systemAdmin: false };
    const filters = parseUsageFilters({});
    const report = await loadUsageReport(scope, filters);
    const ledger = await ledgerSums({ workspaceId: { in: workspaces } });
    expect(ledger.requests).toBe(8); // 5 browser calls of Ada (one failed), 1 of Bob, 2 through the API
    expect({ ...report.totals, cost: round(report.totals.cost) }).toEqual(ledger);

    // Every table adds up to the same ledger.
    const users = report.tables.users;
    expect(sumColumn(users, "Tokens in")).toBe(ledger.promptTokens);
    expect(sumColumn(users, "Tokens out")).toBe(ledger.completionTokens);
    expect(sumColumn(users, "Requests")).toBe(ledger.requests);
    expect(sumColumn(report.tables.daily, "Errors")).toBe(ledger.errors);
    expect(report.chart.points.reduce((n, p) => n + Number(p["llama-3.3-70b-versatile"] ?? 0), 0)).toBe(
      ledger.promptTokens + ledger.completionTokens,
    );
    const month = report.tables.workspaces;
    expect(sumColumn(month, "Tokens this month")).toBe(ledger.promptTokens + ledger.completionTokens);

    // Per user and per key, too.
    const adaRow = users.rows.find((r) => r.cells[column(users, "Email")] === ada.email);
    const adaLedger = await ledgerSums({ userId: ada.userId });
    expect(adaRow?.cells[column(users, "Tokens in")]).toBe(adaLedger.promptTokens);
    expect(adaRow?.cells[column(users, "Requests")]).toBe(adaLedger.requests);
    const keys = report.tables.keys;
    const keyLedger = await ledgerSums({ apiKeyId: adaApi.apiKeyId });
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0]?.cells[0]).toBe(`cron (…${key.slice(-4)})`);
    expect(keys.rows[0]?.cells[column(keys, "Tokens out")]).toBe(keyLedger.completionTokens);
    expect(keys.rows[0]?.cells[column(keys, "Errors")]).toBe(1);

    // Narrowed to one user: only theirs.
    const bobOnly = await loadUsageReport(scope, { ...filters, userId: bob.userId });
    expect({ ...bobOnly.totals, cost: round(bobOnly.totals.cost) }).toEqual(await ledgerSums({ userId: bob.userId }));
    expect(bobOnly.user).toMatchObject({ name: "Bob", conversations: 1 });
  });

  it("counts an unpriced model as unpriced, never $0", async () => {
    const actor = await createTestActor();
    const row = {
      day: utcDay(new Date()),
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      apiKeyId: "",
      promptTokens: 10,
      completionTokens: 5,
      error: false,
    };
    await addRollup({ ...row, model: "mystery-model", cost: null });
    await addRollup({ ...row, model: "mystery-model", cost: null });
    await addRollup({ ...row, model: "llama-3.3-70b-versatile", cost: 0.25 });
    const report = await loadUsageReport(
      { workspaceIds: [actor.workspaceId], systemAdmin: false },
      parseUsageFilters({}),
    );
    expect(report.totals).toMatchObject({ requests: 3, unpricedRequests: 2, cost: 0.25, promptTokens: 30 });
    const costs = report.tables.daily.rows.map((r) => [r.cells[1], formatCost(r.cells[6] as never)]);
    expect(costs).toEqual([
      ["llama-3.3-70b-versatile", "$0.25"],
      ["mystery-model", "unpriced"],
    ]);
  });

  it("shows the system admin everything, a team's owners and admins their team, and nobody else anything", async () => {
    const owner = await createTestActor("Olivia Owner");
    const member = await createTestActor("Max Member");
    const outsider = await createTestActor("Otto Outsider");
    const { workspaceId: teamId } = await createTeam(await session(owner.userId), "Acme");
    await joinTeam(await session(owner.userId, teamId), member);
    await ask(await session(member.userId, teamId), "Team question");
    await ask(owner, "Owner's private question");
    await ask(outsider, "Someone else's question");
    await db().user.update({ where: { id: outsider.userId }, data: { role: "ADMIN" } });

    expect(await adminScopeOf(await session(member.userId))).toBeNull();
    expect(await adminScopeOf(await session(outsider.userId))).toEqual({ workspaceIds: null, systemAdmin: true });
    const ownerScope = await adminScopeOf(await session(owner.userId));
    expect(ownerScope).toEqual({ workspaceIds: [teamId], systemAdmin: false });
    const scope = ownerScope as AdminScope;

    const report = await loadUsageReport(scope, parseUsageFilters({}));
    // The team's usage only: not the owner's personal workspace, not another workspace.
    expect(report.totals).toEqual(await ledgerSums({ workspaceId: { in: [teamId] } }));
    expect(report.tables.users.rows.map((r) => r.cells[0])).toEqual(["Max Member"]);
    expect(report.options.workspaces.map((w) => w.id)).toEqual([teamId]);
    // Naming what is outside the scope is a 404, like naming what does not exist.
    await expect(loadUsageReport(scope, parseUsageFilters({ workspace: outsider.workspaceId }))).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(loadUsageReport(scope, parseUsageFilters({ user: outsider.userId }))).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(loadUsageReport(scope, parseUsageFilters({ user: "no-such-user" }))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("counts a user's conversations in the workspace filtered on, not in all their workspaces", async () => {
    const owner = await createTestActor("Wanda Workspaces");
    const { workspaceId: teamId } = await createTeam(await session(owner.userId), "Two Places");
    await ask(owner, "Personal one");
    await ask(owner, "Personal two");
    await ask(await session(owner.userId, teamId), "In the team");
    const everything: AdminScope = { workspaceIds: null, systemAdmin: true };

    const inTeam = await loadUsageReport(everything, parseUsageFilters({ workspace: teamId }));
    const row = inTeam.tables.users.rows.find((r) => r.cells[1] === owner.email);
    expect(row?.cells[column(inTeam.tables.users, "Requests")]).toBe(1);
    expect(row?.cells[column(inTeam.tables.users, "Conversations")]).toBe(1);
    const narrowed = await loadUsageReport(everything, parseUsageFilters({ workspace: teamId, user: owner.userId }));
    expect(narrowed.user).toMatchObject({ conversations: 1 });
    const all = await loadUsageReport(everything, parseUsageFilters({ user: owner.userId }));
    expect(all.user).toMatchObject({ conversations: 3 });
  });

  it("validates the filters: dates, order and range", () => {
    const now = new Date("2026-03-15T12:00:00Z");
    expect(parseUsageFilters({}, now)).toEqual({ from: "2026-02-14", to: "2026-03-15" });
    expect(parseUsageFilters({ from: "2026-03-01", to: "2026-03-02", model: "m", user: "" }, now)).toEqual({
      from: "2026-03-01",
      to: "2026-03-02",
      model: "m",
    });
    expect(() => parseUsageFilters({ from: "2026-02-30" }, now)).toThrow("Not a valid date");
    expect(() => parseUsageFilters({ from: "2026-03-10", to: "2026-03-01" }, now)).toThrow(/must not be after/);
    expect(() => parseUsageFilters({ from: "2024-01-01", to: "2026-01-01" }, now)).toThrow(/at most 366 days/);
    expect(dayOf(now)).toBe("2026-03-15");
  });
});
