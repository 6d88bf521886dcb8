import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { chatRequest, readChunks } from "./api-helpers";
import { lastAssistant, newUser, register, send, signIn } from "./helpers";
import { createUser, ledgerPurposes, tokensUsed, userWithKey } from "./provision";

/**
 * The usage dashboard end to end: traffic from the browser and the API, then an admin reads the
 * numbers it produced in the chart, the tables, a filter and a CSV export; a non-admin gets 404.
 */

const format = (n: number) => n.toLocaleString("en-US");

test("an admin sees browser and API usage in the dashboard, filters by user and exports CSV; others get 404", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // The admin first, made the way operators do it: the first account of an install becomes
  // admin on its own, so the person below must not be the first.
  const boss = newUser("Ava Admin");
  await createUser({ ...boss, admin: true });

  // Traffic: a person in the browser (two questions) and a program through the API (one).
  const person = newUser("Una Usage");
  await register(page, person);
  await send(page, "How are tokens counted?");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  await send(page, "And what does a rollup do?");
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");
  const program = await userWithKey();
  const response = await chatRequest(program.key, { messages: [{ role: "user", content: "Usage via the API" }] });
  expect(response.status).toBe(200);
  await readChunks(response);

  // The chat's generated title is one more call, made after its first answer.
  await expect.poll(() => ledgerPurposes(person.email)).toEqual(["CHAT", "CHAT", "TITLE"]);
  const personTokens = await tokensUsed(person.email);
  const programTokens = await tokensUsed(program.email);
  expect(personTokens).toBeGreaterThan(0);
  expect(programTokens).toBeGreaterThan(0);

  // The person is no admin: the admin area does not exist for them, nor its export.
  for (const path of ["/admin/usage", "/admin/users", "/admin/usage/export?table=users"]) {
    const refused = await page.goto(path);
    expect(refused?.status(), path).toBe(404);
  }
  await page.goto("/");
  await expect(page.getByTestId("admin-link")).toHaveCount(0);
  await expect(page.getByTestId("my-usage-link")).toBeVisible();

  const context = await browser.newContext();
  const adminPage = await context.newPage();
  await signIn(adminPage, boss.email, boss.password);
  await adminPage.getByTestId("admin-link").click();
  await expect(adminPage).toHaveURL(/\/admin\/usage/);
  await expect(adminPage.getByTestId("usage-chart").locator(".recharts-surface")).toBeVisible();
  await expect(adminPage.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();

  await expect(adminPage.getByTestId("panel-keys").locator("tr", { hasText: program.email })).toContainText("ci (…");

  // Filter by user: the headline numbers are theirs alone (unfiltered, the install's other
  // tests' users may fill the top of the table).
  const users = adminPage.getByTestId("panel-users");
  await adminPage.getByTestId("filter-user").selectOption({ label: `Una Usage (${person.email})` });
  await adminPage.getByTestId("filter-apply").click();
  await expect(adminPage).toHaveURL(/[?&]user=/);
  await expect(adminPage.getByTestId("stat-tokens")).toContainText(format(personTokens));
  await expect(adminPage.getByTestId("stat-requests")).toContainText("3");
  await expect(users.locator("tbody tr")).toHaveCount(1);
  const personRow = users.locator("tr", { hasText: person.email });
  await expect(personRow).toContainText("Una Usage");
  const cells = personRow.locator("td");
  // User, Email, Conversations, Requests, Errors, Tokens in, Tokens out, Cost: one conversation
  // of two questions, and its title.
  await expect(cells.nth(2)).toHaveText("1");
  await expect(cells.nth(3)).toHaveText("3");
  const tokensIn = Number((await cells.nth(5).textContent())?.replace(/,/g, ""));
  const tokensOut = Number((await cells.nth(6).textContent())?.replace(/,/g, ""));
  expect(tokensIn + tokensOut).toBe(personTokens);
  await expect(cells.nth(7)).toHaveText(/^\$\d/);

  // Export exactly what is shown.
  const [download] = await Promise.all([
    adminPage.waitForEvent("download"),
    adminPage.getByTestId("panel-users-export").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^usage-users-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("User,Email,Conversations,Requests,Errors,Tokens in,Tokens out,Cost");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(
    new RegExp(`^Una Usage,${person.email.replace(/[.]/g, "\\.")},1,3,0,${tokensIn},${tokensOut},\\$`),
  );

  // The drill-down: by day and model.
  await users.getByRole("link", { name: "Una Usage" }).click();
  await expect(adminPage.getByRole("heading", { name: "Una Usage" })).toBeVisible();
  // The answers' model, and the cheapest one (priced for Groq), which wrote the title.
  const daily = adminPage.getByTestId("panel-user-daily");
  await expect(daily.locator("tbody tr")).toHaveCount(2);
  await expect(daily.locator("tbody tr", { hasText: "llama-3.3-70b-versatile" })).toHaveCount(1);
  await expect(daily.locator("tbody tr", { hasText: "llama-3.1-8b-instant" })).toHaveCount(1);
  await expect(adminPage.getByTestId("stat-conversations")).toContainText("1");
  await context.close();
});
