// Temporary: screenshots of the account pages (not committed).
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "./e2e/env";

const base = "http://127.0.0.1:3381";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const email = `shots-${Date.now()}@example.test`;
for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
  const context = await browser.newContext({ baseURL: base, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const shot = (name: string) => page.screenshot({ path: `/tmp/shots/${label}-${name}.png` });
  if (label === "desktop") {
    await page.goto("/register");
    await page.getByTestId("name").fill("Ada Lovelace");
    await page.getByTestId("email").fill(email);
    await page.getByTestId("password").fill("correct horse battery");
    await page.getByTestId("register-submit").click();
    await page.getByTestId("composer-input").waitFor();
    for (const q of ["Why is $e^{i\\pi}+1=0$?", "Plan a trip to Lisbon", "Explain binary search"]) {
      await page.goto("/");
      await page.getByTestId("composer-input").fill(q);
      await page.getByTestId("composer-input").press("Enter");
      await page.locator('[data-testid="message"][data-role="assistant"][data-status="COMPLETE"]').waitFor();
    }
    await shot("chat-math");
  } else {
    await page.goto("/sign-in");
    await shot("sign-in");
    await page.getByTestId("email").fill(email);
    await page.getByTestId("password").fill("correct horse battery");
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("composer-input").waitFor();
  }
  await page.goto("/settings/account");
  await page.getByTestId("current").waitFor();
  await shot("account");
  await page.getByTestId("current").fill("wrong password");
  await page.getByTestId("next").fill("a new password");
  await page.getByTestId("change-password").click();
  await page.getByTestId("password-error").waitFor();
  await shot("account-error");
  await page.goto("/");
  if (label === "phone") await page.getByRole("button", { name: /open sidebar|menu/i }).first().click().catch(() => {});
  await page.getByTestId("select-mode").click();
  await page.getByTestId("conversation-select").first().click();
  await page.getByTestId("conversation-select").nth(1).click();
  await shot("select-mode");
  await page.getByTestId("delete-selected").click();
  await page.getByTestId("delete-toast").waitFor();
  await shot("deleted-toast");
  await page.getByTestId("undo-delete").click();
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Ada Lovelace" }).click();
  await page.getByTestId("create-reset-link").click();
  await page.getByTestId("reset-link").waitFor();
  await shot("admin-reset-link");
  const link = (await page.getByTestId("reset-link").textContent())?.trim() ?? "";
  const anon = await browser.newContext({ baseURL: base, viewport });
  const visitor = await anon.newPage();
  await visitor.goto(link);
  await visitor.screenshot({ path: `/tmp/shots/${label}-reset-page.png` });
  await visitor.goto("/forgot-password");
  await visitor.screenshot({ path: `/tmp/shots/${label}-forgot.png` });
  await visitor.getByTestId("email").fill("someone@example.test");
  await visitor.getByTestId("forgot-password-submit").click();
  await visitor.getByTestId("forgot-password-sent").waitFor();
  await visitor.screenshot({ path: `/tmp/shots/${label}-forgot-sent.png` });
  await anon.close();
  await context.close();
}
await browser.close();
console.log("shots done");
