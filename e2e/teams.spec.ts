import { expect, type Page, test } from "@playwright/test";
import { lastAssistant, newUser, publishPublicLink, register, send } from "./helpers";

/** The answer to the last question is complete. */
const answered = (page: Page) => expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");

async function newChat(page: Page) {
  await page.getByTestId("new-chat").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("empty-state")).toBeVisible();
}

/** Picks an option of the share panel (the radios themselves are visually hidden). */
async function chooseVisibility(page: Page, visibility: "team" | "private") {
  await page
    .locator("label")
    .filter({ has: page.getByTestId(`visibility-${visibility}`) })
    .click();
  await expect(page.getByTestId(`visibility-${visibility}`)).toBeChecked();
}

test("two colleagues: invite, share with the team, read, continue in a copy; a public link read anonymously, then revoked", async ({
  browser,
}) => {
  // One story across three browsers: longer than a single-page test.
  test.setTimeout(120_000);
  // Ada creates a team and invites Grace by email; no mail server: the link is shown to copy.
  const adaContext = await browser.newContext();
  const ada = await adaContext.newPage();
  const adaUser = await register(ada, newUser("Ada Lovelace"));
  await ada.getByTestId("workspace-switcher").click();
  await ada.getByTestId("create-team").click();
  await ada.getByTestId("team-name").fill("Acme Research");
  await ada.getByTestId("create-team-submit").click();
  await expect(ada).toHaveURL(/\/team$/);
  await expect(ada.getByTestId("team-title")).toHaveText("Acme Research");
  await expect(ada.getByTestId("current-workspace")).toHaveText("Acme Research");

  const graceUser = newUser("Grace Hopper");
  await ada.getByTestId("invite-email").fill(graceUser.email);
  await ada.getByTestId("invite-submit").click();
  const inviteUrl = (await ada.getByTestId("invite-link").textContent())?.trim() ?? "";
  expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{32}$/);
  await expect(ada.getByTestId("invite-row")).toContainText(graceUser.email);

  // Grace opens the link without an account and registers through it, straight into the team.
  const graceContext = await browser.newContext();
  const grace = await graceContext.newPage();
  await grace.goto(inviteUrl);
  await expect(grace.getByTestId("invite-card")).toContainText("Join Acme Research");
  await expect(grace.getByTestId("invite-card")).toContainText("Ada Lovelace invited");
  await grace.getByTestId("invite-register").click();
  await expect(grace.getByTestId("email")).toHaveValue(graceUser.email);
  await grace.getByTestId("name").fill(graceUser.name);
  await grace.getByTestId("password").fill(graceUser.password);
  await grace.getByTestId("register-submit").click();
  await expect(grace.getByTestId("composer-input")).toBeVisible();
  await expect(grace.getByTestId("current-workspace")).toHaveText("Acme Research");
  // The link is spent.
  await grace.goto(inviteUrl);
  await expect(grace.getByTestId("invite-card")).toContainText("already been used");

  await ada.reload();
  await expect(ada.locator(`[data-testid="member-row"][data-email="${graceUser.email}"]`)).toContainText("Member");

  // Ada chats in the team and shares the conversation with it.
  await newChat(ada);
  await send(ada, "Draft the Q3 launch plan");
  await answered(ada);
  const conversationUrl = ada.url();
  const conversationId = conversationUrl.split("/c/")[1] ?? "";
  expect(conversationId).not.toBe("");
  await ada.getByTestId("share-button").click();
  await chooseVisibility(ada, "team");
  await expect(ada.getByTestId("share-button")).toContainText("Shared");
  await ada.keyboard.press("Escape");

  // Grace finds it in the team's shared list, searches it, reads it: no composer, no posting.
  await grace.goto("/");
  await grace.getByTestId("shared-link").click();
  await expect(grace).toHaveURL(/\/shared$/);
  const item = grace.getByTestId("shared-item").filter({ hasText: "Draft the Q3 launch plan" });
  await expect(item).toContainText("Shared by Ada Lovelace");
  await grace.getByTestId("shared-search").fill("nothing like it");
  await expect(grace.getByTestId("shared-empty")).toBeVisible();
  await grace.getByTestId("shared-search").fill("launch");
  await expect(item).toBeVisible();
  await item.click();
  await expect(grace).toHaveURL(conversationUrl);
  await expect(grace.getByTestId("read-only-conversation")).toContainText("Draft the Q3 launch plan");
  await expect(grace.getByTestId("shared-by")).toContainText("Ada Lovelace");
  await expect(grace.getByTestId("composer-input")).toHaveCount(0);
  const post = await grace.request.post("/api/chat", { data: { conversationId, content: "Let me in" } });
  expect(post.status()).toBe(404);

  // … and continues it in her own copy, which links back to the source.
  await grace.getByTestId("fork-button").click();
  await expect(grace).not.toHaveURL(conversationUrl);
  await expect(grace).toHaveURL(/\/c\/[^/]+$/);
  await expect(grace.getByTestId("forked-from")).toContainText("Draft the Q3 launch plan");
  await expect(grace.locator('[data-testid="message"]')).toHaveCount(2);
  await send(grace, "Add a budget section");
  await answered(grace);
  await expect(grace.locator('[data-testid="message"]')).toHaveCount(4);
  await grace.reload();
  await expect(grace.locator('[data-testid="message"]')).toHaveCount(4);
  // Ada's conversation is untouched.
  await ada.reload();
  await expect(ada.locator('[data-testid="message"]')).toHaveCount(2);

  // Ada publishes a public link; an anonymous visitor reads it; no emails or internal ids show.
  const shareUrl = await publishPublicLink(ada);
  expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{32}$/);
  const anonymousContext = await browser.newContext();
  const anonymous = await anonymousContext.newPage();
  const opened = await anonymous.goto(shareUrl);
  expect(opened?.status()).toBe(200);
  await expect(anonymous.getByTestId("share-title")).toHaveText("Draft the Q3 launch plan");
  await expect(anonymous.locator('[data-testid="message"]')).toHaveCount(2);
  const html = await anonymous.content();
  for (const secret of [adaUser.email, graceUser.email, conversationId]) expect(html).not.toContain(secret);

  // Revoked: the link is a 404.
  await ada.getByTestId("revoke-public-link").click();
  await expect(ada.getByTestId("publish-link")).toBeVisible();
  expect((await anonymous.goto(shareUrl))?.status()).toBe(404);

  // Anonymous requests to the signed-in doors are refused.
  expect((await anonymous.request.get(`/api/conversations/${conversationId}`)).status()).toBe(401);
  expect((await anonymous.request.post("/api/chat", { data: { content: "hi" } })).status()).toBe(401);
  for (const page of ["/shared", "/team", `/c/${conversationId}`]) {
    await anonymous.goto(page);
    await expect(anonymous).toHaveURL(/\/sign-in/);
  }

  // Removing Grace ends her access at once; her own copy stays hers.
  await ada.goto("/team");
  ada.once("dialog", (dialog) => dialog.accept());
  await ada.locator(`[data-testid="member-row"][data-email="${graceUser.email}"]`).getByTestId("remove-member").click();
  await expect(ada.locator(`[data-testid="member-row"][data-email="${graceUser.email}"]`)).toHaveCount(0);
  expect((await grace.request.get(`/api/conversations/${conversationId}`)).status()).toBe(404);
  await grace.goto(conversationUrl);
  await expect(grace.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
  await expect(grace.getByText("Draft the Q3 launch plan")).toHaveCount(0);
  await grace.goto("/");
  await expect(grace.getByTestId("current-workspace")).not.toHaveText("Acme Research");
  await expect(grace.getByTestId("shared-link")).toHaveCount(0);

  await Promise.all([adaContext.close(), graceContext.close(), anonymousContext.close()]);
});
