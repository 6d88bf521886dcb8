import { expect, test } from "@playwright/test";
import { E2E } from "./env";
import { lastAssistant, register, send } from "./helpers";

test("register, watch an answer stream in, and find everything again after a reload", async ({ page }) => {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => bodies.push(response.text().catch(() => "")));

  await register(page);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  const tokensLeft = async () => Number((await page.getByTestId("quota-left").textContent())?.replace(/\D/g, ""));
  const quotaBefore = await tokensLeft();
  expect(quotaBefore).toBeGreaterThan(0);

  // Count the distinct lengths the answer's text goes through while it streams.
  await page.evaluate(() => {
    const seen = new Set<number>();
    (window as unknown as { answerLengths: Set<number> }).answerLengths = seen;
    new MutationObserver(() => {
      const answers = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      const last = answers[answers.length - 1];
      if (last) seen.add(last.textContent?.length ?? 0);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  const question = "How do I stream a response in TypeScript?";
  await send(page, question);
  const answer = lastAssistant(page);
  await expect(answer).toHaveAttribute("data-status", "COMPLETE");
  // The header's quota went down by what the answer cost.
  await expect.poll(tokensLeft).toBeLessThan(quotaBefore);
  const updates = await page.evaluate(() => (window as unknown as { answerLengths: Set<number> }).answerLengths.size);
  expect(updates).toBeGreaterThan(3);

  // Markdown is rendered: a heading, a list and a highlighted code block.
  await expect(answer.locator("h2")).toBeVisible();
  await expect(answer.locator("li").first()).toBeVisible();
  await expect(answer.locator("pre code")).toBeVisible();

  await expect(page).toHaveURL(/\/c\/[\w-]+$/);
  const item = page.getByTestId("conversation-item").first();
  await expect(item).toContainText(question);
  const answerText = (await answer.getByTestId("message-content").textContent()) ?? "";

  await page.reload();
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText([question]);
  await expect(lastAssistant(page).getByTestId("message-content")).toHaveText(answerText);
  await expect(page.getByTestId("conversation-item").first()).toContainText(question);

  // A second chat goes on top of the list; the first is still one click away.
  await page.getByTestId("new-chat").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await send(page, "Second conversation");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  await expect(page.getByTestId("conversation-item")).toHaveCount(2);
  await expect(page.getByTestId("conversation-item").first()).toContainText("Second conversation");
  await page.getByTestId("conversation-item").nth(1).click();
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText([question]);

  // The server-held upstream key never reaches the browser.
  const seen = await Promise.all(bodies);
  expect(seen.length).toBeGreaterThan(5);
  for (const body of seen) expect(body).not.toContain(E2E.upstreamKey);
});

test("sign out, then sign in again to the same conversations", async ({ page }) => {
  const user = await register(page);
  await send(page, "Remember me");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByTestId("email").fill(user.email);
  await page.getByTestId("password").fill("wrong password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("auth-error")).toBeVisible();

  await page.getByTestId("password").fill(user.password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("conversation-item").first()).toContainText("Remember me");
});
