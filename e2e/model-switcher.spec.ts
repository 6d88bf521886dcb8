import { expect, test } from "@playwright/test";
import { lastAssistant, newScope, register, send, upstreamRequests } from "./helpers";
import { E2E_MODEL_IDS, E2E_MODELS, E2E_PROVIDERS } from "./providers";

const answered = (page: import("@playwright/test").Page) =>
  expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");

test("the header's model switcher changes the model of the conversation's next answer", async ({ page }) => {
  const scope = newScope();
  await register(page);
  await send(page, `Hello ${scope}`);
  await answered(page);
  expect((await upstreamRequests(scope)).at(-1)?.model).toBe("llama-3.3-70b-versatile");

  await page.getByTestId("model-switcher").click();
  const menu = page.getByTestId("model-menu");
  await expect(menu.getByTestId("model-option")).toHaveCount(E2E_MODELS.length);
  // Grouped by provider: the two wire formats of the e2e providers file.
  await expect(menu.getByTestId("model-group")).toHaveCount(2);
  await expect(menu.getByTestId("model-group").nth(1)).toContainText(E2E_PROVIDERS.anthropic.label);
  await expect(menu.locator('[data-model="llama-3.3-70b-versatile"]')).toHaveAttribute("aria-checked", "true");
  await menu.locator('[data-model="llama-3.1-8b-instant"]').click();
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("model-label")).toHaveAttribute("data-model", "llama-3.1-8b-instant");

  await send(page, `And now? ${scope}`);
  await answered(page);
  expect((await upstreamRequests(scope)).at(-1)?.model).toBe("llama-3.1-8b-instant");
  await expect(lastAssistant(page).getByTestId("message-model")).toContainText("llama-3.1-8b-instant");

  // Saved with the conversation: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId("model-label")).toHaveAttribute("data-model", "llama-3.1-8b-instant");

  // Across providers: the third answer of the same conversation goes out in Anthropic's format.
  await page.getByTestId("model-switcher").click();
  await page.getByTestId("model-menu").locator(`[data-model="${E2E_MODEL_IDS.claude}"]`).click();
  await send(page, `And from the other provider? ${scope}`);
  await answered(page);
  const last = (await upstreamRequests(scope)).at(-1);
  expect([last?.api, last?.model]).toEqual(["anthropic", E2E_MODEL_IDS.claude]);
  await expect(lastAssistant(page).getByTestId("message-model")).toContainText(E2E_MODEL_IDS.claude);
  await expect(page.locator('[data-testid="message"][data-role="assistant"]')).toHaveCount(3);
  if (process.env.E2E_SCREENSHOTS) {
    await page.getByTestId("model-switcher").click();
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/switcher-desktop.png` });
  }
});
