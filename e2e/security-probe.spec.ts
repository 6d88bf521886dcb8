import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { type APIRequestContext, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { E2E } from "./env";
import { userWithKey } from "./provision";

/** Generous: the machine running the suite may be busy, and a sign-in checks an argon2 hash. */
const SLOW = { timeout: 30_000 };

/**
 * A bounded outside probe of the running app (issue 13): headers, body limits, sign-in
 * throttling, session revocation, malformed input, and a seeded fuzz of the public routes.
 * Every answer must be a deliberate one: no 5xx.
 */

const app = E2E.appUrl;

test.describe.configure({ timeout: 120_000 });

test("every page and API response carries the security headers; pages get a fresh CSP nonce on their scripts", async () => {
  const first = await fetch(`${app}/sign-in`);
  const second = await fetch(`${app}/sign-in`);
  const csp = first.headers.get("content-security-policy") ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const api = await fetch(`${app}/api/v1/chat`, { method: "POST", body: "{}" });
  const openapi = await fetch(`${app}/api/v1/openapi.json`);
  for (const response of [first, api, openapi]) {
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBeTruthy();
    expect(response.headers.get("permissions-policy")).toBeTruthy();
    expect(response.headers.get("strict-transport-security")).toBeNull(); // plain HTTP here
  }
  expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
  const behindHttps = await fetch(`${app}/sign-in`, { headers: { "X-Forwarded-Proto": "https" } });
  expect(behindHttps.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
});

/** Sends the head of a request and `sent` bytes of its body, then waits: what comes back, and when. */
function rawPost(path: string, headers: Record<string, string>, sent: string, waitMs: number) {
  return new Promise<{ status: number; ms: number; head: string }>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(E2E.appPort, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${waitMs} ms`));
    }, waitMs);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status && received.includes("\r\n\r\n")) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(status[1]), ms: Date.now() - started, head: received.split("\r\n\r\n")[0] ?? "" });
      }
    });
    socket.on("error", reject);
    const lines = Object.entries({ Host: `127.0.0.1:${E2E.appPort}`, ...headers }).map(([k, v]) => `${k}: ${v}`);
    // The head, then the body, in two writes as clients do: the server may answer in between.
    socket.write(`POST ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    socket.write(sent);
  });
}

/**
 * Posts a body the server refuses before reading all of it (Node declares its length): the server
 * answers 413 while the client is still writing, and must let the client read that answer.
 */
function postBig(path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = httpRequest(`${app}${path}`, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "null") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("bodies over the limit are refused with 413 before they are read, and slow bodies time out with 408", async () => {
  const { key, email, password } = await userWithKey();
  const auth = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const huge = String(100 * 1024 * 1024);

  // Declared too large: answered 413 though not a byte of the body was sent (a reader waiting
  // for the body would have answered 408 after HTTP_BODY_TIMEOUT_MS).
  const declared = await rawPost("/api/v1/chat", { ...auth, "Content-Length": huge }, "", 20_000);
  expect(declared.status).toBe(413);

  // Sent too large: 413 in each door's error shape.
  const big = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(3 * 1024 * 1024) }] });
  const chat = await postBig("/api/v1/chat", auth, big);
  expect(chat.status).toBe(413);
  expect(chat.json).toEqual({ error: expect.stringContaining("too large") });
  // Answered before the body is read, to a client still writing it: the answer arrives every
  // time, not a reset connection (lib/http/lingering-close.ts; without it 1 in 5 was lost).
  const declaredBig = { ...auth, "Content-Length": String(Buffer.byteLength(big)) };
  for (let i = 0; i < 20; i++) expect((await rawPost("/api/v1/chat", declaredBig, big, 20_000)).status).toBe(413);
  const openai = await postBig("/api/v1/chat/completions", auth, big);
  expect(openai.status).toBe(413);
  expect(openai.json).toMatchObject({ error: { type: "invalid_request_error", code: "payload_too_large" } });

  // The browser's door, signed in.
  const session = await signedIn(email, password);
  const cookie = (await session.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  await session.dispose();
  const browser = await postBig("/api/chat", { Cookie: cookie, "Content-Type": "application/json" }, big);
  expect(browser.status).toBe(413);

  // 100 MB declared, 10 bytes sent: answered 408 once HTTP_BODY_TIMEOUT_MS (3 s in the e2e install) passes.
  const slow = await rawPost("/api/v1/chat", { ...auth, "Content-Length": String(1024) }, '{"message', 20_000);
  expect(slow.status).toBe(408);
  expect(slow.head.toLowerCase()).toContain("connection: close");
});

/** Auth.js' own credentials sign-in, as a program (or an attacker) posts it. */
async function postCredentials(context: APIRequestContext, email: string, password: string, address?: string) {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return context.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken },
    headers: address ? { "X-Forwarded-For": address } : {},
    maxRedirects: 0,
  });
}

async function signInForm(email: string, password: string, address: string) {
  const context = await playwrightRequest.newContext({ baseURL: app });
  const response = await postCredentials(context, email, password, address);
  await context.dispose();
  return response;
}

/** A request context holding a signed-in session cookie. */
async function signedIn(email: string, password: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: app });
  const response = await postCredentials(context, email, password);
  expect(response.headers().location).not.toContain("error");
  return context;
}

async function signInPage(page: Page, email: string, password: string) {
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

test("wrong passwords are throttled per account: 429 with Retry-After, and the sign-in page says when to retry", async ({
  page,
}) => {
  const { email, password } = await userWithKey();
  const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  for (let i = 0; i < 10; i++) {
    const wrong = await signInForm(email, "wrong password", address);
    expect(wrong.status()).toBe(302);
    expect(wrong.headers().location).toContain("error=CredentialsSignin");
  }
  const refused = await signInForm(email, password, address); // even the right one, for now
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  await page.goto("/sign-in");
  await signInPage(page, email, password);
  await expect(page.getByTestId("auth-error")).toContainText(
    /Too many sign-in attempts\. Try again in \d+ (seconds|minutes)/,
    SLOW,
  );
});

test("signing out ends the session: a copy of the old cookie no longer works", async ({ page, browser }) => {
  const { email, password } = await userWithKey();
  const session = await signedIn(email, password);
  const copied = (await session.storageState()).cookies;
  expect((await session.get("/api/conversations")).status()).toBe(200);

  // Signing out in the browser, with the sidebar's button.
  await page.context().addCookies(copied);
  await page.goto("/");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in/, SLOW);

  // The copy still held elsewhere is refused, by the API and by the pages.
  expect((await session.get("/api/conversations")).status()).toBe(401);
  const thief = await browser.newContext({ baseURL: app });
  await thief.addCookies(copied);
  const stolenPage = await thief.newPage();
  await stolenPage.goto("/");
  await expect(stolenPage).toHaveURL(/\/sign-in/, SLOW);
  await thief.close();
  await session.dispose();
});

test("malformed input gets a 4xx, never a 500", async ({ page }) => {
  for (const path of ["/api/conversations/%ff", "/c/%ff", "/share/%ff", "/invite/%ff", "/c/%E0%A4%A"]) {
    const response = await fetch(`${app}${path}`, { redirect: "manual" });
    expect(response.status, path).toBeGreaterThanOrEqual(300);
    expect(response.status, path).toBeLessThan(500);
  }
  const foreign = await fetch(`${app}/`, {
    method: "POST",
    headers: { "Next-Action": "0".repeat(42), Origin: "https://evil.example", "Content-Type": "text/plain" },
    body: "[]",
  });
  expect(foreign.status).toBe(403);

  // A newline in the sign-in form's `next`: signed in, and sent home rather than anywhere else.
  const { email, password } = await userWithKey();
  await page.goto(`/sign-in?next=${encodeURIComponent("/\n/evil.example/")}`);
  await signInPage(page, email, password);
  await expect(page.getByTestId("composer-input")).toBeVisible(SLOW);
  expect(new URL(page.url()).origin).toBe(app);
});

/** A small seeded generator (mulberry32), so a failure names the seed that reproduces it. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const FUZZ_SEED = Number(process.env.PROBE_SEED ?? 20261204);
const FUZZ_REQUESTS = 300;

test(`fuzzed public routes answer without a 5xx (seed ${FUZZ_SEED}, ${FUZZ_REQUESTS} requests)`, async () => {
  const { key } = await userWithKey();
  const { next, pick } = generator(FUZZ_SEED);
  const segments = ["x", "%ff", "%00", "..", "%2e%2e", "%E2%80%AE", "a".repeat(300), "ünï", "1e309", "-1", "null"];
  const paths = [
    "/api/v1/chat",
    "/api/v1/chat/completions",
    "/api/v1/models",
    "/api/v1/openapi.json",
    "/api/chat",
    "/api/conversations",
    "/api/conversations/search?q=",
    "/api/conversations/import",
    "/api/auth/csrf",
    "/api/auth/session",
    "/api/auth/callback/credentials",
    "/share/",
    "/invite/",
    "/c/",
    "/sign-in?next=",
    "/register?invite=",
    "/api/conversations/",
  ];
  const values: unknown[] = [null, true, -1, 0, 1e300, 2.5, "", "x".repeat(5000), [], {}, [{}], { role: "user" }];
  const jsonBody = () => {
    const body: Record<string, unknown> = {};
    for (const field of [
      "messages",
      "model",
      "conversation_id",
      "system_prompt",
      "max_tokens",
      "temperature",
      "stream",
    ]) {
      if (next() < 0.5) body[field] = pick(values);
    }
    if (next() < 0.5) body.messages = [{ role: pick(["user", "system", "tool", 7]), content: pick(values) }];
    return JSON.stringify(body);
  };
  const bodies = [
    jsonBody,
    () => '{"max_tokens":1e999,"messages":[]}',
    () => "{",
    () => "\u0000\uffff",
    () => "[]".repeat(1000),
    () => "{".repeat(5000),
  ];
  const statuses: string[] = [];
  const failures: string[] = [];
  const started = Date.now();
  const one = async (i: number) => {
    let path = pick(paths);
    if (path.endsWith("/") || path.endsWith("=")) path += pick(segments);
    const method = pick(["GET", "POST", "POST", "PATCH", "DELETE", "PUT"]);
    const headers: Record<string, string> = { "Content-Type": pick(["application/json", "text/plain", "x/y"]) };
    if (next() < 0.6) headers.Authorization = pick([`Bearer ${key}`, "Bearer spj_ai_nope", "Basic Og==", "Bearer"]);
    const body = method === "GET" ? undefined : pick(bodies)();
    const response = await fetch(`${app}${path}`, { method, headers, body, redirect: "manual" }).catch(
      (error: Error) => ({ status: 599, text: async () => error.message }) as Response,
    );
    statuses.push(String(response.status));
    if (response.status >= 500) failures.push(`#${i} ${method} ${path} → ${response.status}`);
    await response.text().catch(() => "");
  };
  // Four at a time, bounded in time.
  for (let i = 0; i < FUZZ_REQUESTS && Date.now() - started < 90_000; i += 4) {
    await Promise.all([one(i), one(i + 1), one(i + 2), one(i + 3)]);
  }
  expect(statuses.length).toBeGreaterThanOrEqual(FUZZ_REQUESTS);
  expect(failures).toEqual([]);
});
