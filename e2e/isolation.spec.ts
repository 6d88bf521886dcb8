import { expect, test } from "@playwright/test";
import { lastAssistant, register, send } from "./helpers";

test("another user cannot open a conversation, by page or by API (404), and anonymous users are sent to sign in", async ({
  browser,
}) => {
  const alice = await browser.newContext();
  const alicePage = await alice.newPage();
  await register(alicePage, undefined);
  await send(alicePage, "Alice's private question");
  await expect(lastAssistant(alicePage)).toHaveAttribute("data-status", "COMPLETE");
  const id = alicePage.url().split("/c/")[1];
  expect(id).toBeTruthy();

  const bob = await browser.newContext();
  const bobPage = await bob.newPage();
  await register(bobPage);
  const response = await bobPage.goto(`/c/${id}`);
  expect(response?.status()).toBe(404);
  await expect(bobPage.getByText("Alice's private question")).toHaveCount(0);
  expect((await bobPage.request.get(`/api/conversations/${id}`)).status()).toBe(404);
  const post = await bobPage.request.post("/api/chat", { data: { conversationId: id, content: "Let me in" } });
  expect(post.status()).toBe(404);
  expect((await bobPage.request.get(`/api/conversations/${id}`)).status()).toBe(404);

  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  expect((await anonymousPage.request.get(`/api/conversations/${id}`)).status()).toBe(401);
  expect((await anonymousPage.request.post("/api/chat", { data: { content: "hi" } })).status()).toBe(401);
  await anonymousPage.goto(`/c/${id}`);
  await expect(anonymousPage).toHaveURL(/\/sign-in/);

  // Alice still has her conversation, untouched by Bob's attempt.
  await alicePage.reload();
  await expect(alicePage.locator('[data-testid="message"]')).toHaveCount(2);
  await Promise.all([alice.close(), bob.close(), anonymous.close()]);
});
