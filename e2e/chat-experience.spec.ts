import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { lastAssistant, newScope, register, send, upstreamFault, upstreamRequests } from "./helpers";
import { E2E_MODELS } from "./providers";

const userMessages = (page: Page) => page.locator('[data-testid="message"][data-role="user"]');
const answers = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]');
const contentOf = (message: ReturnType<Page["locator"]>) => message.getByTestId("message-content");

async function answered(page: Page) {
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  // Rendered as Markdown (its renderer loads on demand, and shows the text as it is until then):
  // texts read from the page are compared after it.
  await expect(contentOf(lastAssistant(page)).locator("h2, h3").first()).toBeVisible();
}

/** No serious or critical accessibility violation (WCAG 2.1 A/AA rules) on the page as it is. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

test("regenerate and edit keep every version, switchable with < n/m >, also after a reload", async ({ page }) => {
  await register(page);
  const scope = newScope();
  const question = `What is a binary search? ${scope}`;
  await send(page, question);
  await answered(page);
  const firstAnswer = (await contentOf(lastAssistant(page)).textContent()) ?? "";
  // Token count and model per answer, and the conversation's total.
  await expect(lastAssistant(page).getByTestId("message-tokens")).toHaveText(/llama-3\.3-70b-versatile · \d+ tokens/);
  await expect(page.getByTestId("conversation-tokens")).toHaveText(/[1-9][\d,]* tokens in this chat/);

  // Regenerate: a second version of the answer; the first is one click away.
  // A longer answer this time, so the two versions differ.
  await upstreamFault(scope, { answerTokens: 300 });
  await lastAssistant(page).getByTestId("regenerate").click();
  await answered(page);
  await expect(lastAssistant(page).getByTestId("branch-label")).toHaveText("2/2");
  const secondAnswer = (await contentOf(lastAssistant(page)).textContent()) ?? "";
  expect(secondAnswer).not.toBe(firstAnswer);
  await lastAssistant(page).getByTestId("branch-prev").click();
  await expect(lastAssistant(page).getByTestId("branch-label")).toHaveText("1/2");
  await expect(contentOf(lastAssistant(page))).toHaveText(firstAnswer);
  await lastAssistant(page).getByTestId("branch-next").click();
  await expect(contentOf(lastAssistant(page))).toHaveText(secondAnswer);

  // Edit the question: a new branch whose history holds only the edited question.
  await userMessages(page).first().hover();
  await userMessages(page).first().getByTestId("edit-message").click();
  const edited = `What is a linear search? ${scope}`;
  await page.getByTestId("edit-input").fill(edited);
  await page.getByTestId("edit-save").click();
  await answered(page);
  await expect(contentOf(userMessages(page).first())).toHaveText(edited);
  await expect(userMessages(page).first().getByTestId("branch-label")).toHaveText("2/2");
  const sent = (await upstreamRequests(scope)).at(-1)?.messages as { role: string; content: string }[];
  expect(sent.map((m) => m.content)).toEqual([edited]);

  // Back to the first question: its answers (both versions) are all still there.
  await userMessages(page).first().getByTestId("branch-prev").click();
  await expect(contentOf(userMessages(page).first())).toHaveText(question);
  await expect(contentOf(lastAssistant(page))).toHaveText(secondAnswer);
  await expect(lastAssistant(page).getByTestId("branch-label")).toHaveText("2/2");

  // The version shown is remembered.
  await page.reload();
  await expect(contentOf(userMessages(page).first())).toHaveText(question);
  await expect(lastAssistant(page).getByTestId("branch-label")).toHaveText("2/2");
  await expect(contentOf(lastAssistant(page))).toHaveText(secondAnswer);
  await expectAccessible(page, "a conversation with versions");
});

test("reloading while an answer streams shows it continuing, then finished and saved", async ({ page }) => {
  test.setTimeout(150_000);
  await register(page);
  const scope = newScope();
  // Tens of seconds of answer: a reloaded page follows it again only once its script runs, which
  // took 9 s with the machine's load at 20; it must still be answering then.
  await upstreamFault(scope, { chunkDelayMs: 100, answerTokens: 400 });
  await send(page, `Write something long enough to reload in the middle ${scope}`);
  await expect(contentOf(lastAssistant(page))).toContainText(/\w+ \w+ \w+/);
  // Its first words, without the heading's "## ", which shows as typed until its line ends.
  const before = ((await contentOf(lastAssistant(page)).textContent()) ?? "").replace(/^#+\s*/, "");

  await page.reload();
  const answer = lastAssistant(page);
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(contentOf(answer)).toContainText(before.slice(0, 15));
  await expect(page.getByTestId("stop-button")).toBeVisible();
  await expect(answer).toHaveAttribute("data-status", "COMPLETE", { timeout: 75_000 });
  const finished = (await contentOf(answer).textContent()) ?? "";
  expect(finished.startsWith(before.slice(0, 15))).toBe(true);
  // One upstream call, never interrupted by the reload.
  const [request, ...more] = await upstreamRequests(scope);
  expect(more).toHaveLength(0);
  expect(request).toMatchObject({ completed: true, aborted: false });

  await page.reload();
  await expect(contentOf(lastAssistant(page))).toHaveText(finished);
  await expect(answers(page)).toHaveCount(1);
});

test("closing the tab stops the answer after the grace period and saves what was generated", async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await register(page);
  const scope = newScope();
  // Longer than the grace (10 s in e2e), so that it is stopped mid-way.
  await upstreamFault(scope, { chunkDelayMs: 100, answerTokens: 400 });
  await send(page, `Start, and I will close the tab ${scope}`);
  await expect(contentOf(lastAssistant(page))).toContainText(/\w+ \w+/);
  const url = page.url();
  await page.close();

  // The grace (10 s in e2e), then the stop reaching the upstream.
  await expect.poll(async () => (await upstreamRequests(scope)).at(-1)?.aborted, { timeout: 30_000 }).toBe(true);
  const [request] = await upstreamRequests(scope);
  expect(request?.chunksSent).toBeLessThan(request?.chunksPlanned ?? 0);
  const again = await context.newPage();
  await again.goto(url);
  await expect(lastAssistant(again)).toHaveAttribute("data-status", "STOPPED");
  await expect(contentOf(lastAssistant(again))).not.toBeEmpty();
  await context.close();
});

test("per-chat settings are saved with the conversation and used for its answers", async ({ page }) => {
  await register(page);
  await send(page, "Hello");
  await answered(page);

  await page.getByTestId("settings-open").click();
  // The dialog loads on first open: wait for its options rather than read them at once.
  await expect(page.getByTestId("model-select").locator("option")).toHaveText(E2E_MODELS);
  await page.getByTestId("system-prompt").fill("Answer like a pirate.");
  await page.getByTestId("temperature").fill("0.4");
  // Beyond the plan's limit: the form says so and does not submit.
  await page.getByTestId("max-tokens").fill("999999");
  await page.getByTestId("settings-save").click();
  expect(await page.getByTestId("max-tokens").evaluate((input: HTMLInputElement) => input.checkValidity())).toBe(false);
  await expect(page.getByTestId("chat-settings")).toBeVisible();
  await page.getByTestId("max-tokens").fill("60");
  await expectAccessible(page, "the settings dialog");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("chat-settings")).toBeHidden();

  const scope = newScope();
  await send(page, `Tell me about ships ${scope}`);
  await answered(page);
  const request = (await upstreamRequests(scope)).at(-1);
  expect(request).toMatchObject({ temperature: 0.4, maxTokens: 60 });
  expect(request?.messages[0]).toEqual({ role: "system", content: "Answer like a pirate." });

  await page.reload();
  await page.getByTestId("settings-open").click();
  await expect(page.getByTestId("system-prompt")).toHaveValue("Answer like a pirate.");
  await expect(page.getByTestId("temperature")).toHaveValue("0.4");
  await expect(page.getByTestId("max-tokens")).toHaveValue("60");
});

test("copy a message and an answer", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await register(page);
  await send(page, "Copy me");
  await answered(page);
  await userMessages(page).first().hover();
  await userMessages(page).first().getByTestId("copy-message").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Copy me");
  await lastAssistant(page).getByTestId("copy-message").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("You asked:");
  expect(copied).toContain("```ts");
});

test("keyboard shortcuts: the ? sheet, stop, focus the composer, search, new chat", async ({ page }) => {
  await register(page);
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await blur();
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-sheet")).toBeVisible();
  await expect(page.getByTestId("shortcuts-sheet")).toContainText("New chat");
  await expectAccessible(page, "the shortcuts sheet");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-sheet")).toBeHidden();

  const scope = newScope();
  await upstreamFault(scope, { chunkDelayMs: 100 });
  await send(page, `Stop me with Escape ${scope}`);
  await expect(contentOf(lastAssistant(page))).toContainText(/\w+ \w+/);
  await page.keyboard.press("Escape");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "STOPPED");

  await blur();
  await page.keyboard.press("Shift+Escape");
  await expect(page.getByTestId("composer-input")).toBeFocused();
  await page.keyboard.press("Control+K");
  await expect(page.getByTestId("search-input")).toBeFocused();

  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("dark mode: chosen in the header, applied without a flash, remembered", async ({ page }) => {
  await register(page);
  await send(page, "Show me dark mode");
  await answered(page);
  await page.getByTestId("theme-toggle").click();
  await page.getByTestId("theme-dark").click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  // Near-black: lab() lightness (how Chromium reports Tailwind's oklch colors) under 10.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(Number(/^lab\(([\d.]+)/.exec(background)?.[1] ?? 100)).toBeLessThan(10);
  await expectAccessible(page, "a conversation in dark mode");

  // No flash: the theme class is on <html> before the page's content is even parsed.
  await page.addInitScript(() => {
    const seen = window as unknown as { darkWhenMainParsed?: boolean };
    new MutationObserver((_, observer) => {
      if (!document.querySelector("main")) return;
      seen.darkWhenMainParsed = document.documentElement.classList.contains("dark");
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { darkWhenMainParsed?: boolean }).darkWhenMainParsed)).toBe(
    true,
  );

  await page.getByTestId("theme-toggle").click();
  await page.getByTestId("theme-system").click();
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the sidebar is a drawer that opens, navigates and closes", async ({ page }) => {
    await register(page);
    await send(page, "First chat on a phone");
    await answered(page);
    const sidebar = page.locator("#sidebar");
    await expect(sidebar).not.toBeInViewport();
    await page.getByTestId("open-sidebar").click();
    await expect(sidebar).toBeInViewport();
    await expect(page.getByTestId("open-sidebar")).toHaveAttribute("aria-expanded", "true");
    await expectAccessible(page, "the open drawer");
    await page.getByTestId("new-chat").click();
    await expect(sidebar).not.toBeInViewport();
    await expect(page.getByTestId("empty-state")).toBeVisible();

    await page.getByTestId("open-sidebar").click();
    await page.getByTestId("conversation-item").first().click();
    await expect(sidebar).not.toBeInViewport();
    await expect(contentOf(userMessages(page).first())).toHaveText("First chat on a phone");
    await page.getByTestId("open-sidebar").click();
    await page.keyboard.press("Escape");
    await expect(sidebar).not.toBeInViewport();
    await expectAccessible(page, "a conversation on a phone");
  });
});

test("the main pages have no serious accessibility violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page, "sign-in");
  await page.goto("/register");
  await expectAccessible(page, "register");
  await register(page);
  await expectAccessible(page, "a new chat");
  await send(page, "Render **Markdown**: a table, a task list and math $E = mc^2$");
  await answered(page);
  await expectAccessible(page, "a conversation");
  await page.goto("/settings/api-keys");
  await expectAccessible(page, "API keys");
});
