import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { isTitleRequest } from "../lib/chat/title";
import { contentText, type Fault, type RecordedRequest } from "../lib/local-upstream/server";
import { E2E } from "./env";

/**
 * A marker unique to one test. Tests run in parallel against one local upstream: a test puts its
 * marker in the text it sends, and its faults and recorded requests are those carrying it.
 */
export const newScope = () => `scope-${randomBytes(4).toString("hex")}`;

/** Queues a fault for the upstream requests whose messages carry `scope`. */
export async function upstreamFault(scope: string, fault: Omit<Fault, "scope">): Promise<void> {
  const body = JSON.stringify({ ...fault, scope });
  const res = await fetch(`${E2E.upstreamUrl}/__control/faults`, { method: "POST", body });
  expect(res.ok).toBe(true);
}

/**
 * The upstream requests whose messages carry `scope`, oldest first: the answers' requests, or
 * (`titles`) the requests for a new chat's generated title, which carry its first message too.
 */
export async function upstreamRequests(scope: string, { titles = false } = {}): Promise<RecordedRequest[]> {
  const url = `${E2E.upstreamUrl}/__control/requests?scope=${encodeURIComponent(scope)}`;
  const requests = (await (await fetch(url)).json()) as RecordedRequest[];
  return requests.filter(
    (r) => isTitleRequest(contentText((r.messages[0] as { content?: unknown })?.content)) === titles,
  );
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
  // Hashing the password and the first render share the machine with parallel tests.
  await expect(page.getByTestId("composer-input")).toBeVisible({ timeout: 30_000 });
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  // Checking the password and the first render share the machine with parallel tests.
  await expect(page.getByTestId("composer-input")).toBeVisible({ timeout: 30_000 });
}

export async function send(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
}

export const lastAssistant = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]').last();

/** Publishes the open conversation's public link from the share panel, and returns the link. */
export async function publishPublicLink(page: Page): Promise<string> {
  await page.getByTestId("share-button").click();
  await page.getByTestId("publish-link").click();
  return page.getByTestId("public-link-url").inputValue();
}
