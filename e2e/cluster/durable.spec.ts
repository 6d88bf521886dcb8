import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import {
  adminCli,
  app,
  appUrl,
  exited,
  missingForCluster,
  nginxUrl,
  query,
  start,
  startApp,
  stop,
  upstreamFault,
  upstreamUrl,
} from "./cluster";

/**
 * Durable generations across instances (README "Several instances"): two app instances behind
 * nginx, sharing PostgreSQL and Redis. Skipped with the reason when the machine lacks one of
 * them, except in CI.
 */
const missing = missingForCluster();
// The SQLite crash test (sqlite-crash.spec.ts) needs none of them.
if (missing && process.env.CI) throw new Error(`cluster e2e cannot run: ${missing}`);
if (missing) console.warn(`[e2e cluster] SKIPPED: ${missing}`);
test.skip(Boolean(missing), missing ?? "");
test.describe.configure({ mode: "serial", timeout: 120_000 });
test.beforeAll(async () => {
  test.setTimeout(600_000);
  await start();
});
test.afterAll(stop);
test.beforeEach(() => fetch(`${upstreamUrl}/__control/reset`, { method: "POST" }));

const answer = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]').last();
const contentOf = (page: Page) => answer(page).getByTestId("message-content");

async function register(page: Page, base: string) {
  await page.goto(`${base}/register`);
  await page.getByTestId("name").fill("Ada");
  await page.getByTestId("email").fill(`cluster-${randomBytes(5).toString("hex")}@example.test`);
  await page.getByTestId("password").fill("correct horse battery");
  await page.getByTestId("register-submit").click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
}

async function ask(page: Page, text: string): Promise<string> {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
  await expect(contentOf(page)).toContainText(/\w+ \w+ \w+/);
  await page.waitForURL(/\/c\//);
  return page.url().split("/c/")[1] as string;
}

const PASSWORD = "correct horse battery";

function apiUser() {
  const email = `cluster-api-${randomBytes(5).toString("hex")}@example.test`;
  adminCli("users", "create", "--email", email, "--name", "API", "--password", PASSWORD);
  return { email, key: adminCli("keys", "create", "--email", email, "--name", "ci") };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${nginxUrl}/sign-in`);
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
}

/** A streamed public-API answer on `base`, read until `chars` characters arrived. */
async function streamingAnswer(base: string, key: string, chars = 40) {
  const response = await fetch(`${base}/api/v1/chat`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ messages: [{ role: "user", content: "Tell me a long story" }] }),
  });
  expect(response.status).toBe(200);
  const conversationId = response.headers.get("x-conversation-id") as string;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (text.length < chars) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const rest = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { text, broken: false };
        text += new TextDecoder().decode(value);
      }
    } catch {
      return { text, broken: true };
    }
  })();
  return { conversationId, rest };
}

const answerRow = async (conversationId: string) =>
  (
    await query<{ id: string; status: string; content: string }>(
      `SELECT id, status, content FROM "Message" WHERE "conversationId" = $1 AND role = 'assistant'`,
      [conversationId],
    )
  )[0];

async function ledgerAndReserved(conversationId: string) {
  const rows = await query<{ promptTokens: number; completionTokens: number; workspaceId: string }>(
    `SELECT "promptTokens", "completionTokens", "workspaceId" FROM "UsageEvent" WHERE "conversationId" = $1`,
    [conversationId],
  );
  const [counter] = await query<{ reserved: number }>(
    `SELECT COALESCE(SUM(reserved), 0)::int AS reserved FROM "QuotaCounter" WHERE "workspaceId" = $1`,
    [rows[0]?.workspaceId ?? ""],
  );
  return { rows, reserved: counter?.reserved };
}

test("a reload on the other instance follows the answer to the same final text", async ({ page }) => {
  await upstreamFault({ chunkDelayMs: 60 });
  await register(page, appUrl(0));
  const id = await ask(page, "Write something long enough to reload in the middle");
  const before = (await contentOf(page).textContent()) ?? "";

  // The same session, served by the other instance (cookies do not depend on the port).
  await page.goto(`${appUrl(1)}/c/${id}`);
  await expect(answer(page)).toHaveAttribute("data-status", "streaming");
  await expect(contentOf(page)).toContainText(before.slice(0, 20));
  await expect(answer(page)).toHaveAttribute("data-status", "COMPLETE", { timeout: 30_000 });
  const followed = (await contentOf(page).textContent()) ?? "";
  const saved = await answerRow(id);
  expect(saved?.status).toBe("COMPLETE");

  // Through the load balancer, whichever instance answers: the same text, saved.
  await page.goto(`${nginxUrl}/c/${id}`);
  await expect(contentOf(page)).toHaveText(followed);
  const [request, ...more] = (await (await fetch(`${upstreamUrl}/__control/requests`)).json()) as object[];
  expect(more).toHaveLength(0);
  expect(request).toMatchObject({ completed: true, aborted: false });
});

test("Stop sent through the other instance stops the answer within a second and saves it", async ({ page }) => {
  await upstreamFault({ chunkDelayMs: 80 });
  await register(page, appUrl(0));
  const id = await ask(page, "Stop me from the other instance");
  const stopped = await page.request.post(`${appUrl(1)}/api/conversations/${id}/stop`);
  expect(await stopped.json()).toEqual({ stopped: true });
  const asked = Date.now();
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${upstreamUrl}/__control/requests`)).json()) as { aborted: boolean }[])[0]?.aborted,
      {
        intervals: [50],
        timeout: 1_000,
      },
    )
    .toBe(true);
  expect(Date.now() - asked).toBeLessThan(1_000);
  await expect(answer(page)).toHaveAttribute("data-status", "STOPPED");
  const row = await answerRow(id);
  expect(row?.status).toBe("STOPPED");
  expect(row?.content.length).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId("stopped-marker")).toBeVisible();
});

test("kill -9 of the instance generating an answer: interrupted, one ledger row, nothing reserved", async ({
  page,
}) => {
  await upstreamFault({ chunkDelayMs: 80 });
  const { email, key } = apiUser();
  const { conversationId } = await streamingAnswer(appUrl(0), key);
  await new Promise((r) => setTimeout(r, 1_500)); // a checkpoint or two
  app(0).kill("SIGKILL");
  await exited(app(0));
  const killedAt = Date.now();

  await expect.poll(async () => (await answerRow(conversationId))?.status, { timeout: 30_000 }).toBe("INTERRUPTED");
  expect(Date.now() - killedAt).toBeLessThan(30_000);
  const row = await answerRow(conversationId);
  expect(row?.content.length).toBeGreaterThan(0);
  const { rows, reserved } = await ledgerAndReserved(conversationId);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.completionTokens).toBeGreaterThan(0);
  expect(reserved).toBe(0);

  // The conversation shows it marked interrupted, through the load balancer (one instance is down).
  await signIn(page, email);
  await page.goto(`${nginxUrl}/c/${conversationId}`);
  await expect(page.getByTestId("interrupted-marker")).toBeVisible();
  // The saved text, as rendered: Markdown's marks are not shown.
  const words = (row?.content ?? "")
    .replace(/[#*_`>]/g, "")
    .trim()
    .slice(0, 20);
  await expect(answer(page)).toContainText(words);
  await startApp(0);
});

test("SIGTERM with 5 answers running: each complete or stopped, nothing reserved, 503 while draining", async () => {
  await upstreamFault({ chunkDelayMs: 40, times: 5 });
  const { key } = apiUser();
  const answers = await Promise.all(Array.from({ length: 5 }, () => streamingAnswer(appUrl(1), key, 10)));
  app(1).kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 200));
  const refused = await fetch(`${appUrl(1)}/api/v1/chat`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ messages: [{ role: "user", content: "One more?" }] }),
  });
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBeTruthy();
  const completions = await fetch(`${appUrl(1)}/api/v1/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "llama-3.3-70b-versatile", messages: [{ role: "user", content: "And here?" }] }),
  });
  expect(completions.status).toBe(503);
  expect(completions.headers.get("retry-after")).toBeTruthy();

  expect(await exited(app(1))).toBe(0);
  for (const { conversationId, rest } of answers) {
    const { text } = await rest;
    const row = await answerRow(conversationId);
    expect(["COMPLETE", "STOPPED"]).toContain(row?.status);
    expect(row?.content).toBe(text);
    const { rows, reserved } = await ledgerAndReserved(conversationId);
    expect(rows).toHaveLength(1);
    expect(reserved).toBe(0);
  }
  await startApp(1);
});
