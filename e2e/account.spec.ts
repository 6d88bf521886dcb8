import { expect, test } from "@playwright/test";
import { newUser, register, signIn } from "./helpers";
import { createUser } from "./provision";

/**
 * The account features people look for: changing one's own password (the current one required)
 * and an admin's one-time reset link, which works once and then is a 404.
 */

// Argon2 hashing on every sign-in and password change: slow on a busy 2-core machine.
test.beforeEach(() => test.slow());

test("change the password on the account page, then sign in with the new one", async ({ page }) => {
  const user = await register(page, newUser("Grace Hopper"));
  await page.getByTestId("account-link").click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  // A wrong current password is refused and changes nothing.
  await page.getByTestId("current").fill("not my password");
  await page.getByTestId("next").fill("a brand new password");
  await page.getByTestId("change-password").click();
  await expect(page.getByTestId("password-error")).toHaveText("Your current password is not right");

  await page.getByTestId("current").fill(user.password);
  await page.getByTestId("change-password").click();
  await expect(page.getByTestId("password-done")).toHaveText("Password changed");

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The old password no longer opens the account; the new one does.
  await page.getByTestId("email").fill(user.email);
  await page.getByTestId("password").fill(user.password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("auth-error")).toBeVisible();
  await signIn(page, user.email, "a brand new password");
});

test("an admin's reset link sets a new password once, then answers 404", async ({ page, browser }) => {
  const boss = newUser("Boss Admin");
  await createUser({ ...boss, admin: true });
  const person = newUser("Forgetful Person");
  await createUser(person);

  await signIn(page, boss.email, boss.password);
  await page.goto(`/admin/users?q=${encodeURIComponent(person.email)}`);
  await page.getByRole("link", { name: person.name }).click();
  await page.getByTestId("create-reset-link").click();
  const link = (await page.getByTestId("reset-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{32}$/);

  // The person opens it, signed out, in their own browser.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(link);
  await expect(visitor.getByText(person.email)).toBeVisible();
  await visitor.getByTestId("password").fill("short");
  await visitor.getByTestId("reset-password-submit").click();
  await expect(visitor.getByTestId("auth-error")).toContainText("at least 8");
  await visitor.getByTestId("password").fill("my reset password");
  await visitor.getByTestId("reset-password-submit").click();
  await expect(visitor).toHaveURL(/\/sign-in\?reset=1/);
  await expect(visitor.getByTestId("sign-in-notice")).toBeVisible();
  await visitor.getByTestId("password").fill("my reset password");
  await visitor.getByTestId("sign-in-submit").click();
  await expect(visitor.getByTestId("composer-input")).toBeVisible();

  // Used once: the link is gone.
  const again = await visitor.goto(link);
  expect(again?.status()).toBe(404);
  await context.close();
});
