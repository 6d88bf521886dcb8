import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import OpenAI from "openai";
import { E2E } from "./env";
import { publishPublicLink, register, signIn } from "./helpers";
import { E2E_MODEL_IDS } from "./providers";
import { userWithKey } from "./provision";

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

  const shareUrl = await publishPublicLink(page);
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

test("an answer a provider gave with a tool call shows its block, from either wire format", async ({ page }) => {
  // Through the API door (the browser sends no tools; the local upstream calls a tool the question
  // names): the answer is saved in the key owner's chats.
  const { email, password, key } = await userWithKey();
  const sdk = new OpenAI({ apiKey: key, baseURL: `${E2E.appUrl}/api/v1`, maxRetries: 1 });
  const tools: OpenAI.ChatCompletionTool[] = [
    {
      type: "function",
      function: {
        name: "get_weather",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    },
  ];
  const conversations: string[] = [];
  for (const model of [E2E_MODEL_IDS.default, E2E_MODEL_IDS.claude]) {
    const completion = await sdk.chat.completions.create({
      model,
      messages: [{ role: "user", content: `Use get_weather for Lisbon via ${model}` }],
      tools,
    });
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    conversations.push(completion.id.replace(/^chatcmpl-/, ""));
  }
  await signIn(page, email, password);
  for (const [i, model] of [E2E_MODEL_IDS.default, E2E_MODEL_IDS.claude].entries()) {
    await page.goto(`/c/${conversations[i]}`);
    const tool = page.locator('[data-testid="message"][data-role="assistant"]').getByTestId("tool-call");
    await expect(tool.getByTestId("tool-name")).toHaveText("get_weather");
    await expect(tool.getByTestId("tool-arguments")).toBeHidden();
    await tool.getByTestId("tool-name").click();
    await expect(tool.getByTestId("tool-arguments")).toContainText(`"city": "Use get_weather for Lisbon via ${model}"`);
  }
});
