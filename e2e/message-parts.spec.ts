import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { register } from "./helpers";

const CHATGPT_EXPORT = fileURLToPath(new URL("./fixtures/chatgpt-conversations.json", import.meta.url));
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

/** The ChatGPT export's "Plot a CSV with pandas": reasoning, a python tool call with its output, then text. */
async function openImportedToolAnswer(page: Page) {
  await register(page);
  await page.getByTestId("import-input").setInputFiles(CHATGPT_EXPORT);
  await page.getByTestId("import-report").getByRole("link", { name: "Plot a CSV with pandas" }).click();
  await expect(page.getByTestId("tool-call")).toBeVisible();
}

/** The answer's blocks: reasoning folded as "Thought for 3 s", the tool call folded, opening on demand. */
async function expectToolAnswer(page: Page) {
  const answer = page.locator('[data-testid="message"][data-role="assistant"]');
  await expect(answer).toHaveCount(1);
  const reasoning = answer.getByTestId("reasoning");
  await expect(reasoning.getByTestId("reasoning-label")).toHaveText("Thought for 3 s");
  await expect(reasoning.getByTestId("reasoning-text")).toBeHidden();
  await reasoning.getByTestId("reasoning-label").click();
  await expect(reasoning.getByTestId("reasoning-text")).toContainText("Group revenue by month");

  const tool = answer.getByTestId("tool-call");
  await expect(tool.getByTestId("tool-name")).toHaveText("python");
  await expect(tool.getByTestId("tool-arguments")).toBeHidden();
  await tool.getByTestId("tool-name").click();
  // Arguments pretty-printed, the result after them.
  await expect(tool.getByTestId("tool-arguments")).toContainText('"code": "import pandas as pd');
  await expect(tool.getByTestId("tool-result")).toHaveText("<Axes: xlabel='month'>");
  await expect(answer.getByTestId("message-content")).toContainText("revenue peaks in December");
}

test("an answer with reasoning and a tool call shows them as blocks, in the chat and its public snapshot", async ({
  page,
  browser,
}) => {
  await openImportedToolAnswer(page);
  await expectToolAnswer(page);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/parts-desktop.png`, fullPage: true });

  // Saved parts survive a reload (they come from the database, not the import's memory).
  await page.reload();
  await expectToolAnswer(page);

  await page.getByTestId("share-button").click();
  await page.getByTestId("publish-link").click();
  const shareUrl = await page.getByTestId("public-link-url").inputValue();
  const anonymousContext = await browser.newContext();
  const anonymous = await anonymousContext.newPage();
  await anonymous.goto(shareUrl);
  await expectToolAnswer(anonymous);
  await anonymousContext.close();
});

test("on a phone the blocks fit the screen", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await openImportedToolAnswer(page);
  await page.getByTestId("reasoning-label").click();
  await page.getByTestId("tool-name").click();
  await expect(page.getByTestId("tool-result")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/parts-phone.png`, fullPage: true });
  await phone.close();
});
