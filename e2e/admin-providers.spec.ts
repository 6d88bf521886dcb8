import { expect, type Locator, type Page, test } from "@playwright/test";
import { E2E } from "./env";
import { lastAssistant, newScope, newUser, register, send, signIn, upstreamRequests } from "./helpers";
import { E2E_KEY_ENV, E2E_MODEL_IDS, E2E_PROVIDERS } from "./providers";
import { createUser } from "./provision";

/**
 * Admin → Providers end to end: after an answer, the system admin sees both providers of the e2e
 * providers file (one per wire format) with the names of their key variables, their models and
 * their health from the ledger; anyone else finds no such page.
 */

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

const provider = (page: Page, id: string) => page.locator(`[data-testid="provider"][data-provider="${id}"]`);
const figure = (card: Locator, period: "hour" | "day", name: "calls" | "errors" | "latency" | "ttft") =>
  card.locator(`[data-testid="provider-health"][data-period="${period}"]`).getByTestId(`health-${name}`);
const model = (card: Locator, id: string) => card.locator(`[data-testid="provider-model"][data-model="${id}"]`);

test("the providers page shows both offline providers with their health; others get 404", async ({ page, browser }) => {
  // The admin first: the first account of an install becomes admin on its own, so the person
  // below must not be the first.
  const boss = newUser("Ava Admin");
  await createUser({ ...boss, admin: true });

  const scope = newScope();
  await register(page, newUser("Una User"));
  await send(page, `Which provider answers? ${scope}`);
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  expect((await upstreamRequests(scope)).map((r) => [r.api, r.model])).toEqual([["openai", E2E_MODEL_IDS.default]]);

  // Not the system admin: no such page, and no link to it.
  expect((await page.goto("/admin/providers"))?.status()).toBe(404);

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, boss.email, boss.password);
  await admin.goto("/admin/usage");
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Providers" }).click();
  await expect(admin).toHaveURL(/\/admin\/providers$/);
  await expect(admin.getByRole("heading", { name: "Providers", level: 1 })).toBeVisible();
  await expect(admin.getByTestId("provider")).toHaveCount(2);

  const openai = provider(admin, E2E_PROVIDERS.openai.id);
  await expect(openai).toContainText(E2E_PROVIDERS.openai.label);
  await expect(openai).toContainText("OpenAI-compatible");
  await expect(openai).toContainText(`${E2E.upstreamUrl}/v1`);
  await expect(openai.getByTestId("provider-key")).toHaveText(`${E2E_KEY_ENV.openai}set`);
  // The provider that answered: at least this test's call, in both periods, with its medians.
  for (const period of ["hour", "day"] as const) {
    expect(Number((await figure(openai, period, "calls").textContent())?.replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
    await expect(figure(openai, period, "latency")).toHaveText(/^\d[\d.]* m?s$/);
    await expect(figure(openai, period, "ttft")).toHaveText(/^\d[\d.]* m?s$/);
  }
  const answering = model(openai, E2E_MODEL_IDS.default);
  await expect(answering.getByTestId("model-capability")).toHaveText(["Vision", "Tools"]);
  await expect(answering).toContainText("$0.00059 · $0.00079");
  await expect(answering.locator('[data-testid="model-health"][data-period="day"]')).toContainText(/\d+ calls?/);
  await expect(model(openai, E2E_MODEL_IDS.small).getByTestId("model-capability")).toHaveText(["Tools"]);

  const anthropic = provider(admin, E2E_PROVIDERS.anthropic.id);
  await expect(anthropic).toContainText("Anthropic Messages");
  await expect(anthropic.getByTestId("provider-key")).toHaveText(`${E2E_KEY_ENV.anthropic}set`);
  await expect(model(anthropic, E2E_MODEL_IDS.claude).getByTestId("model-capability")).toHaveText(["Vision", "Tools"]);
  await expect(figure(anthropic, "day", "calls")).toHaveText(/^\d[\d,]*$/);

  // The key's name is shown, never the key.
  expect(await admin.content()).not.toContain(E2E.upstreamKey);

  if (SCREENSHOTS) await admin.screenshot({ path: `${SCREENSHOTS}/admin-providers.png`, fullPage: true });
  // On a phone the admin nav and the page fit the screen (the model tables scroll inside their cards).
  await admin.setViewportSize({ width: 390, height: 844 });
  await expect(admin.getByTestId("back-to-chat")).toBeInViewport({ ratio: 1 });
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (SCREENSHOTS) await admin.screenshot({ path: `${SCREENSHOTS}/admin-providers-phone.png`, fullPage: true });
  await context.close();
});
