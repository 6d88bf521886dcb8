import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { lastAssistant, register, send } from "./helpers";

const CHATGPT_EXPORT = fileURLToPath(new URL("./fixtures/chatgpt-conversations.json", import.meta.url));

const items = (page: Page) => page.getByTestId("conversation-item");
const item = (page: Page, title: string) => items(page).filter({ hasText: title });

async function chat(page: Page, text: string) {
  await page.getByTestId("new-chat").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await send(page, text);
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  await expect(page).toHaveURL(/\/c\/[\w-]+$/);
  return page.url().split("/c/")[1] ?? "";
}

async function openMenu(page: Page, title: string) {
  await item(page, title).hover();
  await page.locator(`[aria-label="Options for ${title}"]`).click();
  await expect(page.getByTestId("conversation-menu")).toBeVisible();
}

test("rename inline, pin to the top, and other tabs follow at once", async ({ page, context }) => {
  await register(page);
  await chat(page, "Plan the team offsite");
  await chat(page, "Draft the release notes");
  const other = await context.newPage();
  await other.goto("/");
  await expect(items(other)).toHaveCount(2);

  await openMenu(page, "Plan the team offsite");
  await page.getByTestId("conversation-rename").click();
  const input = page.getByTestId("rename-input");
  await expect(input).toBeFocused();
  await input.fill("Offsite in Porto");
  await input.press("Enter");
  await expect(item(page, "Offsite in Porto")).toBeVisible();
  // The other tab, untouched, shows the new title too.
  await expect(item(other, "Offsite in Porto")).toBeVisible();

  // Escape leaves the title alone.
  await openMenu(page, "Offsite in Porto");
  await page.getByTestId("conversation-rename").click();
  await page.getByTestId("rename-input").fill("Never mind");
  await page.getByTestId("rename-input").press("Escape");
  await expect(item(page, "Offsite in Porto")).toBeVisible();

  // Pinned, the older chat goes on top, here, in the other tab and after a reload.
  await expect(items(page).first()).toContainText("Draft the release notes");
  await openMenu(page, "Offsite in Porto");
  await page.getByTestId("conversation-pin").click();
  await expect(items(page).first()).toContainText("Offsite in Porto");
  await expect(items(other).first()).toContainText("Offsite in Porto");
  await page.reload();
  await expect(items(page).first()).toContainText("Offsite in Porto");
  await expect(page.getByRole("heading", { name: "Pinned" })).toBeVisible();

  // A new chat shows up in the other tab with its title as soon as its answer starts.
  await chat(page, "Compare three laptops");
  await expect(item(other, "Compare three laptops")).toBeVisible();
});

test("delete with Undo, and a deleted chat is gone everywhere", async ({ page }) => {
  test.setTimeout(60_000); // it waits out the undo window
  await register(page);
  const keepId = await chat(page, "Keep this conversation");
  const dropId = await chat(page, "Throw this one away");

  // Deleting the open chat leaves it; Undo brings it back and reopens it.
  await openMenu(page, "Throw this one away");
  await page.getByTestId("conversation-delete").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(item(page, "Throw this one away")).toHaveCount(0);
  await page.getByTestId("undo-delete").click();
  await expect(item(page, "Throw this one away")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/c/${dropId}$`));
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveText(["Throw this one away"]);

  // Deleted for good once the notice is gone.
  await openMenu(page, "Throw this one away");
  await page.getByTestId("conversation-delete").click();
  await expect(page.getByTestId("undo-delete")).toBeVisible();
  await expect(page.getByTestId("undo-delete")).toBeHidden({ timeout: 15_000 });
  await page.reload();
  await expect(item(page, "Keep this conversation")).toBeVisible();
  await expect(item(page, "Throw this one away")).toHaveCount(0);
  await page.goto(`/c/${dropId}`);
  await expect(page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
  for (const format of ["markdown", "json"]) {
    expect((await page.request.get(`/api/conversations/${dropId}/export?format=${format}`)).status()).toBe(404);
  }
  expect((await page.request.get(`/api/conversations/${keepId}/export?format=json`)).status()).toBe(200);
});

test("search finds a word inside an old message and jumps to it", async ({ page }) => {
  await register(page);
  const oldId = await chat(page, "Our cabin by the fjord needs a new woodstove");
  for (const text of ["What about insulation?", "And the roof?", "Any tips for the garden?"]) {
    await send(page, text);
    await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  }
  await chat(page, "Something else entirely");
  await page.goto(`/c/${oldId}`);
  const oldMessage = page.locator('[data-testid="message"][data-role="user"]').first();
  const messageId = (await oldMessage.getAttribute("id"))?.replace(/^m-/, "");
  expect(messageId).toBeTruthy();
  await page.getByTestId("new-chat").click();

  await page.getByTestId("search-input").fill("woodstov");
  const hit = page.locator(`[data-testid="search-result"][data-message-id="${messageId}"]`);
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText(["woodstove"]);
  await hit.click();

  await expect(page).toHaveURL(new RegExp(`/c/${oldId}#m-${messageId}$`));
  const target = page.locator(`#m-${messageId}`);
  await expect(target).toHaveAttribute("data-jumped", "true");
  await expect(target).toBeInViewport();
  // Nothing matches: said so.
  await page.getByTestId("search-input").fill("xylophone");
  await expect(page.getByTestId("search-empty")).toBeVisible();
});

test("export as JSON then import round-trips a conversation; Markdown reads well", async ({ page }, testInfo) => {
  await register(page);
  const id = await chat(page, "Explain the CAP theorem");
  await send(page, "Give an example with two data centres");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  const original = await page.locator('[data-testid="message-content"]').allTextContents();

  await openMenu(page, "Explain the CAP theorem");
  const [markdown] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-markdown").click()]);
  expect(markdown.suggestedFilename()).toBe("explain-the-cap-theorem.md");
  const text = await readFile((await markdown.path()) ?? "", "utf8");
  expect(text).toMatch(/^# Explain the CAP theorem\n/);
  expect(text).toContain("### You\n\nGive an example with two data centres");

  await openMenu(page, "Explain the CAP theorem");
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  const file = testInfo.outputPath("cap.json");
  await json.saveAs(file);

  await page.getByTestId("import-input").setInputFiles(file);
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Imported 1 chat");
  await report.getByRole("link", { name: "Explain the CAP theorem" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/c/${id}$`));
  await expect(page.locator('[data-testid="message-content"]')).toHaveText(original);
  await expect(item(page, "Explain the CAP theorem")).toHaveCount(2);

  // A file that is not an export: one clear error, nothing imported.
  await page.getByTestId("import-input").setInputFiles({
    name: "notes.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(page.getByTestId("import-error")).toContainText("neither an SPJ Chat export nor ChatGPT");
});

test("a ChatGPT export imports, with a report of what was skipped and why", async ({ page }) => {
  await register(page);
  await page.getByTestId("import-input").setInputFiles(CHATGPT_EXPORT);
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Imported 3 chats, skipped 2");
  await expect(report.getByTestId("import-skipped")).toContainText(
    'Broken branch: current_node "0b5d7a52-missing-node" is not in its mapping',
  );
  await expect(report.getByTestId("import-imported")).toContainText("1 image or file left out");
  await report.getByRole("link", { name: "Kubernetes rolling update without downtime" }).click();

  // The branch that was shown in ChatGPT, not the regenerated answer it replaced.
  const contents = page.locator('[data-testid="message-content"]');
  await expect(contents).toHaveCount(4);
  await expect(contents.nth(1)).toContainText("maxSurge: 1");
  await expect(page.getByText("Kubernetes replaces pods one at a time")).toHaveCount(0);
  // Imported messages are searchable like any other.
  await page.getByTestId("search-input").fill("readiness probe");
  await expect(page.getByTestId("search-result").first()).toBeVisible();
});
