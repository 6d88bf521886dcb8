/**
 * The production app as the browser benches run it: built into .next-bench (when a source file
 * is newer than the last build, or when asked), `next start` on BENCH_PORT with its own SQLite
 * file, the local upstream in this process, and Debian's Chromium.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../e2e/env";
import { migrateDatabase } from "../lib/db/migrate";
import { type LocalUpstream, startLocalUpstream } from "../lib/local-upstream/server";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
// BENCH_DIST_DIR: measure another build (say, the e2e run's .next) with --build never.
const DIST = process.env.BENCH_DIST_DIR ?? ".next-bench";
// BENCH_APP_NODE_ARGS: flags for the app's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to
// see where a page's server time goes (NODE_OPTIONS refuses --cpu-prof).
const APP_NODE_ARGS = process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

export type BuildMode = "auto" | "always" | "never";

export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

export interface BenchApp {
  base: string;
  browser: Browser;
  upstream: LocalUpstream;
  databaseUrl: string;
  /** The app's environment (DATABASE_URL, AUTH_SECRET…), for scripts that seed its database. */
  env: NodeJS.ProcessEnv;
  /** A page signed in as a newly registered user. */
  signedInPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}

async function ensureBuild(env: NodeJS.ProcessEnv, build: BuildMode, log: (m: string) => void): Promise<void> {
  const id = path.join(ROOT, DIST, "BUILD_ID");
  const stale = !existsSync(id) || newestSourceMs() > statSync(id).mtimeMs;
  if (build === "never" || (build === "auto" && !stale)) return log(`reusing ${DIST}`);
  log(`building into ${DIST} …`);
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  await run(["node_modules/next/dist/bin/next", "build"], env);
  // Next adds this build folder's types to tsconfig.json: take that back (and nothing else).
  const after = JSON.parse(readFileSync(tsconfig, "utf8")) as { include?: string[] };
  after.include = after.include?.filter((entry) => !entry.startsWith(`${DIST}/`));
  if (JSON.stringify(after) === JSON.stringify(JSON.parse(before))) writeFileSync(tsconfig, before);
}

function newestSourceMs(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(ROOT, dir));
  return newest;
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("next start exited");
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

export async function startBenchApp(options: {
  name: string;
  build: BuildMode;
  chunkDelayMs?: number;
  port?: number;
}): Promise<BenchApp> {
  const log = (message: string) => console.log(`[${options.name}] ${message}`);
  const port = options.port ?? Number(process.env.BENCH_PORT ?? 3931);
  const dir = mkdtempSync(path.join(os.tmpdir(), `spj-${options.name}-`));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const upstream = await startLocalUpstream({ port: 0, chunkDelayMs: options.chunkDelayMs ?? 3 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CHAT_API_BASE_URL: upstream.baseUrl,
    CHAT_API_KEY: "sk-bench-local",
  };
  let app: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const close = async () => {
    await browser.close();
    app?.kill("SIGTERM");
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ensureBuild(env, options.build, log);
    await migrateDatabase(databaseUrl);
    const base = `http://127.0.0.1:${port}`;
    if (
      await fetch(base).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`port ${port} is taken (set BENCH_PORT)`);
    const start = ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"];
    app = spawn(process.execPath, [...APP_NODE_ARGS, ...start], { cwd: ROOT, env, stdio: "ignore" });
    await waitForServer(`${base}/sign-in`, app);
    const signedInPage = async (viewport = { width: 1280, height: 800 }) => {
      const page = await browser.newPage({ baseURL: base, viewport });
      page.setDefaultTimeout(120_000);
      await page.goto("/register");
      await page.getByTestId("name").fill("Bench User");
      await page.getByTestId("email").fill(`bench-${randomBytes(4).toString("hex")}@bench.invalid`);
      await page.getByTestId("password").fill(randomBytes(12).toString("base64url"));
      await page.getByTestId("register-submit").click();
      await page.getByTestId("composer-input").waitFor();
      return page;
    };
    return { base, browser, upstream, databaseUrl, env, signedInPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}
