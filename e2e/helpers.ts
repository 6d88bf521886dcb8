import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import type { Fault, RecordedRequest } from "../lib/local-upstream/server";
import { E2E } from "./env";

export async function upstreamFault(fault: Fault): Promise<void> {
  const res = await fetch(`${E2E.upstreamUrl}/__control/faults`, { method: "POST", body: JSON.stringify(fault) });
  expect(res.ok).toBe(true);
}

export async function upstreamReset(): Promise<void> {
  await fetch(`${E2E.upstreamUrl}/__control/reset`, { method: "POST" });
}

export async function upstreamRequests(): Promise<RecordedRequest[]> {
  return (await fetch(`${E2E.upstreamUrl}/__control/requests`)).json() as Promise<RecordedRequest[]>;
}

export function newUser(name = "Ada Lovelace") {
  return { name, email: `e2e-${randomBytes(5).toString("hex")}@example.test`, password: "correct horse battery" };
}

export async function register(page: Page, user = newUser()) {
  await page.goto("/register");
  await page.getByTestId("name").fill(user.name);
  await page.getByTestId("email").fill(user.email);
  await page.getByTestId("password").fill(user.password);
  await page.getByTestId("register-submit").click();
  // Password hashing is slow on purpose, and slower still on a busy machine.
  await expect(page.getByTestId("composer-input")).toBeVisible({ timeout: 30_000 });
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
}

export async function send(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
}

export const lastAssistant = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]').last();
