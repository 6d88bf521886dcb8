import { expect, test } from "@playwright/test";
import { lastAssistant, newScope, register, send, upstreamRequests } from "./helpers";

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
  await expect(menu.getByTestId("model-option")).toHaveCount(2);
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
  if (process.env.E2E_SCREENSHOTS) {
    await page.getByTestId("model-switcher").click();
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/switcher-desktop.png` });
  }
});
