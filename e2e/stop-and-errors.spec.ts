import { expect, test } from "@playwright/test";
import { lastAssistant, newScope, register, send, upstreamFault, upstreamRequests } from "./helpers";

test("Stop keeps the partial answer, and the server stops reading upstream", async ({ page }) => {
  await register(page);
  const scope = newScope();
  await upstreamFault(scope, { chunkDelayMs: 120 });
  await send(page, `Write a long answer please ${scope}`);
  const answer = lastAssistant(page);
  await expect(answer.getByTestId("message-content")).toContainText(/\w+ \w+/);
  await page.getByTestId("stop-button").click();

  await expect(answer).toHaveAttribute("data-status", "STOPPED");
  await expect(answer.getByTestId("stopped-marker")).toBeVisible();
  const partial = (await answer.getByTestId("message-content").textContent()) ?? "";
  expect(partial.length).toBeGreaterThan(0);

  await expect
    .poll(async () => (await upstreamRequests(scope)).at(-1)?.aborted, { message: "the upstream request was aborted" })
    .toBe(true);
  const [request] = (await upstreamRequests(scope)).slice(-1);
  expect(request?.chunksSent).toBeLessThan(request?.chunksPlanned ?? 0);

  await page.reload();
  const saved = lastAssistant(page);
  await expect(saved).toHaveAttribute("data-status", "STOPPED");
  await expect(saved.getByTestId("message-content")).toHaveText(partial);
});

test("an upstream failure shows an error with Retry and keeps the user's message", async ({ page }) => {
  await register(page);
  const scope = newScope();
  await upstreamFault(scope, { status: 500 });
  const question = `This one fails first ${scope}`;
  await send(page, question);

  await expect(page.getByTestId("chat-error")).toBeVisible();
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText([question]);

  await page.reload();
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText([question]);
  await expect(page.getByTestId("chat-error")).toBeVisible();

  await page.getByTestId("retry-button").click();
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  await expect(page.getByTestId("chat-error")).toHaveCount(0);
  await expect(page.locator('[data-testid="message"]')).toHaveCount(2);
});

test("an answer cut mid-stream keeps its partial text and offers Retry", async ({ page }) => {
  await register(page);
  const scope = newScope();
  await upstreamFault(scope, { cutAfterChunks: 6 });
  await send(page, `Cut this answer ${scope}`);
  const answer = lastAssistant(page);
  await expect(answer).toHaveAttribute("data-status", "ERROR");
  await expect(answer.getByTestId("message-content")).not.toBeEmpty();
  await expect(page.getByTestId("retry-button")).toBeVisible();
});
