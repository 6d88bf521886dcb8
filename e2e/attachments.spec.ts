import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { lastAssistant, newScope, newUser, publishPublicLink, register, send, upstreamRequests } from "./helpers";
import { E2E_MODEL_IDS } from "./providers";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;
const PNG = readFileSync(fixture("pixel.png"));
const PDF_PATH = fixture("notes.pdf").pathname;
/** The one word of the PDF's text: the model is sent it, not the file. */
const PDF_WORD = "zanzibarite";

const answered = (page: Page) => expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
const question = (page: Page) => page.locator('[data-testid="message"][data-role="user"]').last();

/** Pastes an image into the composer, as a screenshot pasted from the clipboard. */
async function pasteImage(page: Page, name: string, bytes: Buffer) {
  await page.getByTestId("composer-input").evaluate(
    (input, { name, base64 }) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: "image/png" }));
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, base64: bytes.toString("base64") },
  );
}

async function attachByButton(page: Page, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByTestId("attach-button").click()]);
  await chooser.setFiles(path);
}

/** The image and the PDF as a message shows them; returns the image's URL. */
async function expectBothFiles(message: Locator): Promise<string> {
  await expect(message.getByTestId("file-card")).toContainText("notes.pdf");
  await expect(message.getByTestId("file-details")).toHaveText(/^PDF · \d+ B$/);
  const image = message.getByTestId("file-image").locator("img");
  await expect(image).toHaveAttribute("alt", "pixel.png");
  // Loaded, not a broken image.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  return (await image.getAttribute("src")) ?? "";
}

test("an image pasted and a PDF attached reach the model, and go wherever the message goes", async ({ browser }) => {
  test.setTimeout(300_000);
  const scope = newScope();

  // Ada works in a team (so a colleague can continue her chat in a copy).
  const ada = await (await browser.newContext()).newPage();
  await register(ada, newUser("Ada Lovelace"));
  await ada.getByTestId("workspace-switcher").click();
  await ada.getByTestId("create-team").click();
  await ada.getByTestId("team-name").fill("Files Team");
  await ada.getByTestId("create-team-submit").click();
  await expect(ada.getByTestId("current-workspace")).toHaveText("Files Team");
  const grace = newUser("Grace Hopper");
  await ada.getByTestId("invite-email").fill(grace.email);
  await ada.getByTestId("invite-submit").click();
  const inviteUrl = (await ada.getByTestId("invite-link").textContent())?.trim() ?? "";

  // Attach: an image by paste, a PDF by the button; each chip says what it adds.
  await ada.getByTestId("new-chat").click();
  await pasteImage(ada, "pixel.png", PNG);
  await attachByButton(ada, PDF_PATH);
  const chips = ada.getByTestId("attachment-chip");
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(0)).toHaveAttribute("data-status", "ready");
  await expect(chips.nth(1)).toHaveAttribute("data-status", "ready");
  await expect(chips.nth(1)).toContainText("notes.pdf");
  await expect(chips.nth(1).getByTestId("attachment-tokens")).toHaveText(/\+\d+ tokens/);
  if (SCREENSHOTS)
    await ada
      .locator("form")
      .filter({ has: chips.first() })
      .screenshot({ path: `${SCREENSHOTS}/attachments-composer.png` });
  await send(ada, `What do these say? ${scope}`);
  await expect(chips).toHaveCount(0);
  await answered(ada);
  const fileUrl = await expectBothFiles(question(ada));
  expect(fileUrl).toMatch(/^\/api\/files\/[\w-]+$/);

  // The provider got the image itself and the PDF's text.
  const [request] = await upstreamRequests(scope);
  const sent = JSON.stringify(request?.messages);
  expect(sent).toContain(PNG.toString("base64"));
  expect(sent).toContain(PDF_WORD);

  // The thumbnail opens full size.
  await question(ada).getByTestId("file-image").click();
  await expect(ada.getByTestId("image-dialog")).toBeVisible();
  await ada.keyboard.press("Escape");
  await expect(ada.getByTestId("image-dialog")).toBeHidden();

  // Reloaded: still there.
  await ada.reload();
  expect(await expectBothFiles(question(ada))).toBe(fileUrl);
  const conversationUrl = ada.url();
  if (SCREENSHOTS) {
    // The question with its files at the top, the answer under it.
    const top = (page: Page) => page.getByRole("log").evaluate((log) => log.parentElement?.scrollTo(0, 0));
    await top(ada);
    await ada.screenshot({ path: `${SCREENSHOTS}/attachments-desktop.png` });
    const phone = await ada.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(conversationUrl);
    await expectBothFiles(question(phone));
    await top(phone);
    await phone.screenshot({ path: `${SCREENSHOTS}/attachments-phone.png` });
    await phone.close();
  }

  // Shared with the team: Grace reads the files and continues the chat in her copy, files included.
  await ada.getByTestId("share-button").click();
  await ada
    .locator("label")
    .filter({ has: ada.getByTestId("visibility-team") })
    .click();
  await expect(ada.getByTestId("share-button")).toContainText("Shared");
  await ada.keyboard.press("Escape");
  const colleague = await (await browser.newContext()).newPage();
  await colleague.goto(inviteUrl);
  await colleague.getByTestId("invite-register").click();
  await colleague.getByTestId("name").fill(grace.name);
  await colleague.getByTestId("password").fill(grace.password);
  await colleague.getByTestId("register-submit").click();
  await expect(colleague.getByTestId("current-workspace")).toHaveText("Files Team");
  await colleague.goto(conversationUrl);
  await expect(colleague.getByTestId("read-only-conversation")).toBeVisible();
  expect(await expectBothFiles(question(colleague))).toBe(fileUrl);
  expect((await colleague.request.get(fileUrl)).status()).toBe(200);
  await colleague.getByTestId("fork-button").click();
  await expect(colleague.getByTestId("forked-from")).toBeVisible();
  await expectBothFiles(question(colleague));
  await colleague.reload();
  await expectBothFiles(question(colleague));

  // Someone of another workspace, and an anonymous visitor: the file is not there for them.
  const outsider = await (await browser.newContext()).newPage();
  await register(outsider, newUser("Eve Outsider"));
  expect((await outsider.request.get(fileUrl)).status()).toBe(404);
  const anonymous = await (await browser.newContext()).newPage();

  // A public snapshot shows the files through its own link, until the link is revoked.
  const shareUrl = await publishPublicLink(ada);
  await anonymous.goto(shareUrl);
  const snapshotFileUrl = await expectBothFiles(question(anonymous));
  expect(snapshotFileUrl).toMatch(/^\/share\/[\w-]+\/files\/[\w-]+$/);
  const pdfUrl = (await question(anonymous).getByTestId("file-card").getAttribute("href")) ?? "";
  const pdf = await anonymous.request.get(pdfUrl);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await ada.getByTestId("revoke-public-link").click();
  await expect(ada.getByTestId("publish-link")).toBeVisible();
  expect((await anonymous.request.get(snapshotFileUrl)).status()).toBe(404);
  expect((await anonymous.request.get(pdfUrl)).status()).toBe(404);

  // Exported ("export all", one zip): the files travel with the conversation.
  const exported = await ada.request.get("/api/conversations/export");
  expect(exported.status()).toBe(200);
  const entries = unzipSync(new Uint8Array(await exported.body()));
  const names = Object.keys(entries);
  const pdfEntry = names.find((name) => name.endsWith("notes.pdf"));
  expect(names.some((name) => name.endsWith("pixel.png"))).toBe(true);
  expect(
    Buffer.from(entries[pdfEntry ?? ""] ?? [])
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");

  // Signed out, the file URL is not there either (404, as for the outsider).
  expect((await anonymous.request.get(fileUrl)).status()).toBe(404);
});

test("refusals show on the chip; a model without vision is told before sending; Send waits for uploads", async ({
  page,
}) => {
  await register(page);
  // A file the server refuses by its content: the chip says why, and Send waits for its removal.
  await page.getByTestId("attach-input").setInputFiles({
    name: "program.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
  });
  const chip = page.getByTestId("attachment-chip");
  await expect(chip).toHaveAttribute("data-status", "failed");
  await expect(chip.getByTestId("attachment-error")).not.toBeEmpty();
  await page.getByTestId("composer-input").fill("Hello");
  await expect(page.getByTestId("send-button")).toBeDisabled();
  await expect(page.getByTestId("composer-notice")).toContainText("could not be attached");
  // By keyboard: the remove button is a button.
  await chip.getByTestId("attachment-remove").focus();
  await page.keyboard.press("Enter");
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId("send-button")).toBeEnabled();

  // A model without vision: a clear message before sending, not a provider error.
  await page.getByTestId("model-switcher").click();
  await page.getByTestId("model-menu").locator(`[data-model="${E2E_MODEL_IDS.small}"]`).click();
  await pasteImage(page, "pixel.png", PNG);
  await expect(page.getByTestId("composer-notice")).toContainText("cannot read images");
  await expect(page.getByTestId("send-button")).toBeDisabled();
  await page.getByTestId("attachment-remove").click();
  await expect(page.getByTestId("composer-notice")).toHaveCount(0);

  // Send while a file is still uploading: the message goes once it is in, with the file.
  await page.route("**/api/files", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await attachByButton(page, PDF_PATH);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("composer-notice")).toContainText("as soon as the files are uploaded");
  await expect(question(page).getByTestId("file-card")).toContainText("notes.pdf");
  await answered(page);
});
