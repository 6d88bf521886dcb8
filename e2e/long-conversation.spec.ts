import { expect, type Page, test } from "@playwright/test";
import { publishPublicLink, register } from "./helpers";
import { seedLongChat } from "./provision";

/**
 * A long conversation opens with its newest messages (lib/chat/message-window.ts) and loads the
 * earlier ones as the reader scrolls up, or when a search result jumps to an old message.
 */
const messages = (page: Page) => page.locator('[role="log"] [data-testid="message"]');

/** Scrolls the conversation to its top, as a reader dragging up would. */
const scrollToTop = (page: Page) =>
  page.locator('[role="log"][aria-label="Conversation"]').evaluate((log) => {
    const scroller = log.parentElement as HTMLElement;
    scroller.scrollTop = 0;
  });

test("scrolling up loads the earlier messages of a long conversation", async ({ page }) => {
  const user = await register(page);
  const { id, messageIds } = await seedLongChat(user.email, 50);
  await page.goto(`/c/${id}`);
  // The newest 20 (lib/chat/message-window.ts), the last of them at the bottom.
  await expect(messages(page)).toHaveCount(20);
  await expect(messages(page).last()).toHaveAttribute("id", `m-${messageIds[49]}`);
  await expect(page.getByTestId("load-older")).toBeAttached();

  // Scrolled again if the page hydrated after the first scroll: hydration opens it at the bottom.
  // (A load already under way is not started twice.)
  await expect(async () => {
    await scrollToTop(page);
    await expect(messages(page)).not.toHaveCount(20, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await expect(messages(page)).toHaveCount(40);
  // What the reader was looking at stays on screen while earlier messages arrive above it.
  await expect(page.locator(`#m-${messageIds[30]}`)).toBeInViewport();
  await scrollToTop(page);
  await expect(messages(page)).toHaveCount(50);
  await expect(messages(page).first()).toHaveAttribute("id", `m-${messageIds[0]}`);
  await expect(page.getByTestId("load-older")).toHaveCount(0);

  // Still a conversation like any other: a new question goes after the newest answer.
  await page.getByTestId("composer-input").fill("One more question");
  await page.getByTestId("composer-input").press("Enter");
  await expect(messages(page)).toHaveCount(52);
  // The whole history goes upstream with it: slower than a short chat's on a busy machine.
  await expect(messages(page).last()).toHaveAttribute("data-status", "COMPLETE", { timeout: 30_000 });
});

test("a reader already at the top gets the earlier messages without scrolling", async ({ page }) => {
  const user = await register(page);
  const { id, messageIds } = await seedLongChat(user.email, 50);
  // The 20 newest messages fit on this screen: there is nothing to scroll, and no scroll event.
  await page.setViewportSize({ width: 1280, height: 12_000 });
  await page.goto(`/c/${id}`);
  await expect(messages(page)).toHaveCount(50);
  await expect(messages(page).first()).toHaveAttribute("id", `m-${messageIds[0]}`);
  await expect(page.getByTestId("load-older")).toHaveCount(0);
});

test("a search result in an old message of a long conversation loads down to it and shows it", async ({ page }) => {
  const user = await register(page);
  const { id, messageIds } = await seedLongChat(user.email, 160, "Where should the harpsichord go in the hall?");
  await page.reload();
  const hit = page.locator(`[data-testid="search-result"][data-message-id="${messageIds[0]}"]`);
  // Typed again if the page hydrated after the first keystrokes (a busy machine) and lost them.
  await expect(async () => {
    await page.getByTestId("search-input").fill("harpsichord");
    await expect(hit).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await hit.click();

  await expect(page).toHaveURL(new RegExp(`/c/${id}#m-${messageIds[0]}$`));
  const target = page.locator(`#m-${messageIds[0]}`);
  // Rendering the newest answers, then loading 140 more, takes a while on a busy machine.
  await expect(target).toHaveAttribute("data-jumped", "true", { timeout: 30_000 });
  await expect(target).toBeInViewport();
  await expect(target).toContainText("harpsichord");
});

test("a long conversation's public link opens on its newest messages and pages back to the first", async ({
  page,
  browser,
}) => {
  const user = await register(page);
  const { id } = await seedLongChat(user.email, 120, "The very first question of this chat");
  await page.goto(`/c/${id}`);
  const shareUrl = await publishPublicLink(page);

  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await reader.goto(shareUrl);
  const shown = reader.locator('[role="log"] [data-testid="message"]');
  await expect(reader.getByTestId("share-meta")).toContainText("120 messages");
  await expect(shown).toHaveCount(50);
  await expect(reader.getByTestId("snapshot-later")).toHaveCount(0);

  await reader.getByTestId("snapshot-earlier").click();
  await expect(reader).toHaveURL(/\?before=70$/);
  await expect(shown).toHaveCount(50);
  await reader.getByTestId("snapshot-earlier").click();
  await expect(shown).toHaveCount(20);
  await expect(shown.first()).toContainText("The very first question of this chat");
  await expect(reader.getByTestId("snapshot-earlier")).toHaveCount(0);

  await reader.getByTestId("snapshot-later").click();
  await expect(reader).toHaveURL(/\?before=70$/);
  await expect(shown).toHaveCount(50);
  await anonymous.close();
});
