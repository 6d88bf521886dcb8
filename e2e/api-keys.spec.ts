import { expect, test } from "@playwright/test";
import { chatRequest, readChunks } from "./api-helpers";
import { register } from "./helpers";

test("create an API key in Settings, see it once, use it, revoke it", async ({ page }) => {
  await register(page);
  await page.getByTestId("api-keys-link").click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByTestId("api-key-row")).toHaveCount(0);

  // A name is required; the form says so and keeps the other field.
  await page.getByTestId("api-key-expiry").fill("30");
  await page.getByTestId("api-key-create").click();
  await expect(page.getByTestId("api-key-error")).toHaveText("Give the key a name");
  await expect(page.getByTestId("api-key-expiry")).toHaveValue("30");

  await page.getByTestId("api-key-name").fill("Nightly report");
  await page.getByTestId("api-key-create").click();

  // The full key, shown once, with a warning and a Copy button.
  const secret = page.getByTestId("api-key-secret");
  await expect(secret).toHaveText(/^spj_ai_[A-Za-z0-9_-]{32}$/);
  const key = ((await secret.textContent()) ?? "").trim();
  await expect(page.getByTestId("api-key-created")).toContainText("will not be shown again");
  await expect(page.getByTestId("api-key-copy")).toBeVisible();
  await expect(page.getByTestId("api-key-name")).toHaveValue("");

  const row = page.getByTestId("api-key-row");
  await expect(row).toHaveCount(1);
  const keyId = await row.getAttribute("data-key-id");
  expect(keyId).toBeTruthy();
  await expect(row).toContainText("Nightly report");
  await expect(row).toContainText(`spj_ai_…${key.slice(-4)}`);
  await expect(row).not.toContainText(key);
  await expect(row).toContainText("Last used");
  await expect(row).toContainText("Never");
  await expect(row.getByTestId("api-key-status")).toHaveText("Active");

  // The key works: a 200 and an answer streamed in several chunks.
  const answer = await chatRequest(key, { messages: [{ role: "user", content: "Hello from my script" }] });
  expect(answer.status).toBe(200);
  const { chunks, text, broken } = await readChunks(answer);
  expect(broken).toBe(false);
  expect(chunks.length).toBeGreaterThan(1);
  expect(text.length).toBeGreaterThan(20);

  // Revoke, with a confirmation step.
  await row.getByTestId("api-key-revoke").click();
  await expect(row.getByTestId("api-key-confirm-revoke")).toBeVisible();
  await row.getByTestId("api-key-confirm-revoke").click();
  await expect(row.getByTestId("api-key-status")).toHaveText("Revoked");
  await expect(row.getByTestId("api-key-revoke")).toHaveCount(0);
  // Nothing left to copy once the key is revoked.
  await expect(secret).toHaveCount(0);

  const refused = await chatRequest(key, { messages: [{ role: "user", content: "Hello again" }] });
  expect(refused.status).toBe(401);
  expect(await refused.json()).toEqual({ error: "Invalid API key" });

  // A reload never shows the key again; the row remembers the use and the revocation.
  await page.reload();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-key-id", keyId ?? "");
  await expect(row.getByTestId("api-key-status")).toHaveText("Revoked");
  await expect(row).toContainText(/Last used\s*just now/);
  expect(await page.content()).not.toContain(key);
});

test("the shown-once panel is gone after a reload even if the key is still active", async ({ page }) => {
  await register(page);
  await page.goto("/settings/api-keys");
  await page.getByTestId("api-key-name").fill("Laptop");
  await page.getByTestId("api-key-create").click();
  const secret = page.getByTestId("api-key-secret");
  await expect(secret).toHaveText(/^spj_ai_/);
  const key = ((await secret.textContent()) ?? "").trim();

  await page.reload();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await expect(page.getByTestId("api-key-row").getByTestId("api-key-status")).toHaveText("Active");
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
});
