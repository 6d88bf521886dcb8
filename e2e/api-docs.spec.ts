import { expect, test } from "@playwright/test";
import { PLANS } from "../lib/usage/plans";
import { register } from "./helpers";

test("the OpenAPI document is public, cacheable JSON", async ({ playwright, baseURL }) => {
  // A fresh context: no session cookie, as an API explorer would fetch it.
  const request = await playwright.request.newContext({ baseURL });
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const doc = await res.json();
  expect(doc.openapi).toMatch(/^3\.1/);
  expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(["/api/v1/chat", "/api/v1/chat/completions", "/api/v1/models", "/api/v1/openapi.json"]),
  );
  expect(res.headers()["cache-control"]).toContain("public");
  const etag = res.headers().etag ?? "";
  expect(etag).not.toBe("");
  const again = await request.get("/api/v1/openapi.json", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  await request.dispose();
});

test("the API docs page is for signed-in users", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the API docs show copy-able examples for this server's own address", async ({ page, context }) => {
  await register(page);
  await page.getByTestId("api-docs-link").click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  const origin = new URL(page.url()).origin;

  await expect(page.getByTestId("api-docs-base-url")).toHaveText(`${origin}/api/v1`);
  await expect(page.getByRole("link", { name: "Settings → API keys" })).toHaveAttribute("href", "/settings/api-keys");
  await expect(page.getByTestId("openapi-link")).toHaveAttribute("href", "/api/v1/openapi.json");

  // The plan table is PLANS, with the reader's own plan marked.
  await expect(page.getByTestId("plan-row")).toHaveCount(Object.keys(PLANS).length);
  await expect(page.locator('[data-testid="plan-row"][data-current]')).toHaveCount(1);

  // cURL first, highlighted as in the chat, with this server's URL.
  const curl = page.getByTestId("examples-curl");
  await expect(curl).toBeVisible();
  await expect(curl.locator("pre").first()).toContainText(`curl -N -i ${origin}/api/v1/chat`);
  await expect(curl.locator("pre code.hljs").first()).toBeVisible();

  const js = page.getByTestId("examples-javascript");
  await page.getByTestId("example-tab-javascript").click();
  await expect(page.getByTestId("example-tab-javascript")).toHaveAttribute("aria-selected", "true");
  await expect(js).toBeVisible();
  await expect(curl).toBeHidden();
  await expect(js).toContainText(`const BASE_URL = "${origin}/api/v1"`);
  await expect(js).toContainText(`baseURL: "${origin}/api/v1"`);

  await page.getByTestId("example-tab-python").click();
  const python = page.getByTestId("examples-python");
  await expect(python).toContainText(`base_url="${origin}/api/v1"`);

  // Copy puts the example, with the URL, on the clipboard.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await python.getByTestId("copy-code").first().click();
  await expect(python.getByTestId("copy-code").first()).toHaveAttribute("aria-label", "Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`BASE_URL = "${origin}/api/v1"`);
  expect(copied).toContain("import requests");
});
