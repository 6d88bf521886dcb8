/**
 * The JavaScript a page loads: `npx tsx bench/page-weight.ts [--build auto|always|never] [--list]`
 *
 * The production build (bench/bench-app.ts) in Debian's Chromium, cache off: every script the
 * page fetches until the network is idle, summed raw and gzip (compressed here, level 6, so the
 * figure does not depend on the server's compression). Pages: the empty chat page of a signed-in
 * user (the target: ≤ 180 KiB gzip), the same page once an answer with math and code is shown
 * (what loads on demand), and the sign-in page. `--list` prints each script.
 */
import { gzipSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { type BuildMode, startBenchApp } from "./bench-app";

const at = process.argv.indexOf("--build");
const build = (at > 0 ? process.argv[at + 1] : "auto") as BuildMode;
const list = process.argv.includes("--list");
const log = (message: string) => console.log(`[page-weight] ${message}`);
// Two decimals: the target sits at a whole number of KiB.
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;

interface Script {
  url: string;
  raw: number;
  gzip: number;
}

async function scriptsOf(page: Page, open: () => Promise<unknown>): Promise<Script[]> {
  const seen: Promise<Script | null>[] = [];
  const onResponse = (response: import("@playwright/test").Response) => {
    if (response.request().resourceType() !== "script") return;
    seen.push(
      response.body().then(
        (body) => ({
          url: new URL(response.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body, { level: 6 }).length,
        }),
        () => null,
      ),
    );
  };
  page.on("response", onResponse);
  await open();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const scripts = (await Promise.all(seen)).filter((s): s is Script => s !== null);
  return [...new Map(scripts.map((s) => [s.url, s])).values()];
}

function report(name: string, scripts: Script[]): void {
  const raw = scripts.reduce((sum, s) => sum + s.raw, 0);
  const gzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
  log(`${name}: ${scripts.length} scripts, ${kib(gzip)} gzip, ${kib(raw)} raw`);
  if (!list) return;
  for (const s of [...scripts].sort((a, b) => b.gzip - a.gzip)) {
    log(`  ${kib(s.gzip).padStart(10)} gzip ${kib(s.raw).padStart(11)} raw  ${s.url}`);
  }
}

const app = await startBenchApp({ name: "page-weight", build, chunkDelayMs: 0 });
try {
  const page = await app.signedInPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  report("chat page, empty (first load)", await scriptsOf(page, () => page.goto("/")));

  // An answer that needs the heavy renderers (the demo model quotes the question, math included,
  // and adds a code block): what is fetched for it, on top of the first load.
  const onDemand = await scriptsOf(page, async () => {
    await page.getByTestId("composer-input").fill("Why is $e^{i\\pi} + 1 = 0$ true?");
    await page.getByTestId("composer-input").press("Enter");
    await page.locator(".katex").first().waitFor();
    await page.locator("code.hljs").first().waitFor();
  });
  report("loaded on demand for an answer with math and code", onDemand);

  const anonymous = await app.browser.newPage({ baseURL: app.base });
  report("sign-in page", await scriptsOf(anonymous, () => anonymous.goto("/sign-in")));
} finally {
  await app.close();
}
process.exit(0);
