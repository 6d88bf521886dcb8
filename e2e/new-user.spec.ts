import { expect, type Page, test } from "@playwright/test";
import { lastAssistant, newScope, newUser, register, send, upstreamFault, upstreamRequests } from "./helpers";
import { createUser, disableUser, setQuotas } from "./provision";

/** What a new user ran into (issue 13, items 8–12), each walked through in the browser. */

const userMessages = (page: Page) => page.locator('[data-testid="message"][data-role="user"]');
const errors = (page: Page) => page.getByTestId("chat-error");
const shot = (page: Page, name: string) => page.screenshot({ path: `.screens/${name}.png`, fullPage: false });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

test("with fewer tokens left than the answer limit, the answer is shorter; with too few, no Retry", async ({
  page,
}) => {
  const user = await register(page);
  await setQuotas(user.email, { tokens: "150" });
  await page.reload();
  const scope = newScope();
  await send(page, `A question on a nearly spent quota ${scope}`);
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  const [request] = await upstreamRequests(scope);
  expect(request?.maxTokens).toBeGreaterThan(0);
  expect(request?.maxTokens).toBeLessThan(150);

  await send(page, "And one more");
  await expect(errors(page)).toContainText(/only \d+ tokens left this month, too few for an answer/);
  await expect(page.getByTestId("retry-button")).toHaveCount(0);
  await shot(page, "quota-too-few-desktop");
});

test("failed turns keep their error and Retry after another message, and after a reload", async ({ page }) => {
  await register(page);
  const scope = newScope();
  await upstreamFault(scope, { status: 500 });
  await send(page, `This one fails ${scope}`);
  await expect(errors(page)).toHaveCount(1);
  await send(page, "This one works");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  const check = async () => {
    await expect(userMessages(page)).toHaveCount(2);
    await expect(errors(page)).toHaveCount(1);
    await expect(page.getByTestId("retry-button")).toHaveCount(1);
  };
  await check();
  await page.reload();
  await check();
  await shot(page, "failed-turn-kept-desktop");

  // Retry answers the failed question again, as a new version beside the failed one.
  await page.getByTestId("retry-button").click();
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  await expect(errors(page)).toHaveCount(0);
  await expect(lastAssistant(page).getByTestId("branch-label")).toHaveText("2/2");
});

test("the edit box grows with its text, and switching a version keeps the view where it was", async ({ page }) => {
  await register(page);
  await send(page, "A first question");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  for (const question of ["Second", "Third", "Fourth"]) {
    await send(page, `${question} question`);
    await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  }
  const first = userMessages(page).first();
  await first.scrollIntoViewIfNeeded();
  await first.hover();
  await first.getByTestId("edit-message").click();
  const box = page.getByTestId("edit-input");
  const before = (await box.boundingBox())?.height ?? 0;
  await box.fill("A much longer first question. ".repeat(12));
  await expect.poll(async () => (await box.boundingBox())?.height ?? 0).toBeGreaterThan(before * 2);
  await page.getByTestId("edit-save").click();
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");

  // Back to the first version: the message stays where it was on screen, no jump to the bottom.
  const switcher = userMessages(page).first().getByTestId("branch-prev");
  await switcher.scrollIntoViewIfNeeded();
  const top = (await userMessages(page).first().boundingBox())?.y ?? 0;
  await switcher.click();
  await expect(userMessages(page).first().getByTestId("branch-label")).toHaveText("1/2");
  await expect(userMessages(page)).toHaveCount(4);
  const after = (await userMessages(page).first().boundingBox())?.y ?? -1000;
  expect(Math.abs(after - top)).toBeLessThan(4);
});

test("a slow first token says the model is still being waited for", async ({ page }) => {
  await register(page);
  const scope = newScope();
  await upstreamFault(scope, { firstByteDelayMs: 4500 });
  await send(page, `Slow to start ${scope}`);
  await expect(page.getByTestId("slow-first-token")).toHaveText("Still waiting for the model…", { timeout: 4000 });
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE", { timeout: 20_000 });
  await expect(page.getByTestId("slow-first-token")).toHaveCount(0);
});

test("a disabled user is told their account is disabled; a wrong password still says only that", async ({ page }) => {
  const person = newUser("Dora Disabled");
  await createUser(person);
  await disableUser(person.email);
  await signIn(page, person.email, "not the password");
  await expect(page.getByTestId("auth-error")).toHaveText("Wrong email or password");
  await signIn(page, person.email, person.password);
  await expect(page.getByTestId("auth-error")).toContainText("This account is disabled");
});

test("the last owner of a team sees why they cannot leave, before trying", async ({ page }) => {
  await register(page);
  await page.getByTestId("workspace-switcher").click();
  await page.getByTestId("create-team").click();
  await page.getByTestId("team-name").fill("Solo Team");
  await page.getByTestId("create-team-submit").click();
  await expect(page.getByTestId("team-title")).toHaveText("Solo Team");
  page.on("dialog", () => {
    throw new Error("no confirmation should be asked");
  });
  await expect(page.getByTestId("leave-team")).toBeDisabled();
  await expect(page.getByTestId("leave-team-error")).toContainText("You are the last owner");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the share panel fits the screen and can create a public link", async ({ page }) => {
    await register(page);
    await send(page, "Share me from a phone");
    await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
    await page.getByTestId("share-button").click();
    const panel = page.getByRole("dialog");
    const box = await panel.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await shot(page, "share-panel-phone");
    await page.getByTestId("publish-link").click();
    await expect(page.getByTestId("public-link-url")).toBeVisible();
  });

  test("admin pages: the way back stays on one line and tables scroll inside the page", async ({ page }) => {
    const boss = newUser("Phone Admin");
    await createUser({ ...boss, admin: true });
    await signIn(page, boss.email, boss.password);
    await expect(page.getByTestId("composer-input")).toBeVisible();
    for (const path of ["/admin/usage", "/admin/users"]) {
      await page.goto(path);
      const back = await page.getByTestId("back-to-chat").boundingBox();
      expect(back?.height, path).toBeLessThan(40);
      // Nothing wider than the screen: wide tables scroll in their own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await shot(page, `admin${path.replaceAll("/", "-")}-phone`);
    }
  });
});
