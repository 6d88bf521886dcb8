import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * The deployment topology of compose.yaml, on this machine: two app instances (`next start`,
 * one build) sharing a fresh PostgreSQL database and Redis, behind nginx (round-robin, no sticky
 * sessions, no buffering), with the local upstream as the provider. Every process started here
 * is stopped by `stop()`, also when a test failed.
 */
const base = Number(process.env.E2E_APP_PORT ?? 3341);
export const CLUSTER = {
  appPorts: [base, base + 1] as const,
  nginxPort: Number(process.env.E2E_NGINX_PORT ?? base + 8),
  upstreamPort: Number(process.env.E2E_UPSTREAM_PORT ?? 4441),
  upstreamKey: "sk-e2e-cluster-upstream-3b1d",
  authSecret: "e2e-cluster-auth-secret-not-for-production-0123456789",
  shutdownDeadlineMs: 3_000,
};
export const nginxUrl = `http://127.0.0.1:${CLUSTER.nginxPort}`;
export const appUrl = (i: 0 | 1) => `http://127.0.0.1:${CLUSTER.appPorts[i]}`;
export const upstreamUrl = `http://127.0.0.1:${CLUSTER.upstreamPort}`;

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

/** Why this topology cannot run here, or null. */
export function missingForCluster(): string | null {
  if (!process.env.TEST_POSTGRES_URL) return "TEST_POSTGRES_URL is not set";
  if (!process.env.TEST_REDIS_URL) return "TEST_REDIS_URL is not set";
  if (!NGINX) return "nginx is not installed (Debian: apt-get install -y nginx)";
  return null;
}

const database = `spj_e2e_cluster_${process.pid}`;
export function databaseUrl(): string {
  const url = new URL(process.env.TEST_POSTGRES_URL as string);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(sql: string): Promise<T> {
  const client = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(sql)) as T;
  } finally {
    await client.end();
  }
}

/** A query on the cluster's database (what the tests check: messages, the ledger, counters). */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const children = new Map<string, ChildProcess>();
let nginxDir: string | null = null;

function started(name: string, child: ChildProcess): ChildProcess {
  children.set(name, child);
  child.stderr?.on("data", (d) => process.env.E2E_VERBOSE && process.stderr.write(`[${name}] ${d}`));
  child.stdout?.on("data", (d) => process.env.E2E_VERBOSE && process.stdout.write(`[${name}] ${d}`));
  return child;
}

async function waitFor(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

export const appEnv = () => ({
  ...process.env,
  DATABASE_URL: databaseUrl(),
  REDIS_URL: process.env.TEST_REDIS_URL,
  AUTH_SECRET: CLUSTER.authSecret,
  CHAT_API_BASE_URL: `${upstreamUrl}/v1`,
  CHAT_API_KEY: CLUSTER.upstreamKey,
  CHAT_RECONNECT_GRACE_MS: "5000",
  // These tests count the upstream's calls per answer; a new chat's title would be one more.
  CHAT_TITLE_MODEL: "none",
  CHAT_SHUTDOWN_DEADLINE_MS: String(CLUSTER.shutdownDeadlineMs),
  NEXT_MANUAL_SIG_HANDLE: "true",
  NEXT_TELEMETRY_DISABLED: "1",
});

/** Starts app instance `i` (`next start` itself, so signals reach it). */
export async function startApp(i: 0 | 1, env: NodeJS.ProcessEnv = appEnv()): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(CLUSTER.appPorts[i])],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  started(`app${i}`, child);
  await waitFor(`${appUrl(i)}/sign-in`);
  return child;
}

export function app(i: 0 | 1): ChildProcess {
  const child = children.get(`app${i}`);
  if (!child) throw new Error(`app${i} is not running`);
  return child;
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

/** Builds the app once per run (SKIP_BUILD=1 reuses the last build). */
export function build(): void {
  if (process.env.SKIP_BUILD === "1" || process.env.SPJ_CLUSTER_BUILT === "1") return;
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  process.env.SPJ_CLUSTER_BUILT = "1";
}

export function migrate(url: string): void {
  execFileSync("node_modules/.bin/tsx", ["scripts/db.ts", "migrate"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
}

export async function startUpstream(): Promise<void> {
  started(
    "upstream",
    // node itself with tsx's loader, not the tsx wrapper: stop()'s SIGKILL would reach only the
    // wrapper and leave the server holding its port for the next run.
    spawn(process.execPath, ["--import", "tsx", "lib/local-upstream/main.ts"], {
      env: {
        ...process.env,
        LOCAL_UPSTREAM_PORT: String(CLUSTER.upstreamPort),
        LOCAL_UPSTREAM_REQUIRE_KEY: CLUSTER.upstreamKey,
        LOCAL_UPSTREAM_CHUNK_DELAY_MS: "15",
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  await waitFor(`${upstreamUrl}/__control/requests`);
}

export async function start(): Promise<void> {
  build();
  await admin(`DROP DATABASE IF EXISTS ${database}`);
  await admin(`CREATE DATABASE ${database}`);
  migrate(databaseUrl());
  await startUpstream();
  await Promise.all([startApp(0), startApp(1)]);
  nginxDir = mkdtempSync(path.join(tmpdir(), "spj-nginx-"));
  const [a, b] = CLUSTER.appPorts;
  writeFileSync(
    path.join(nginxDir, "nginx.conf"),
    `worker_processes 1;
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${nginxDir}/body;
  proxy_temp_path ${nginxDir}/proxy;
  fastcgi_temp_path ${nginxDir}/fastcgi;
  uwsgi_temp_path ${nginxDir}/uwsgi;
  scgi_temp_path ${nginxDir}/scgi;
  upstream spj_app { server 127.0.0.1:${a} max_fails=0; server 127.0.0.1:${b} max_fails=0; }
  server {
    listen 127.0.0.1:${CLUSTER.nginxPort};
    location / {
      proxy_pass http://spj_app;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
`,
  );
  started("nginx", spawn(NGINX as string, ["-c", `${nginxDir}/nginx.conf`, "-p", nginxDir, "-g", "daemon off;"]));
  await waitFor(`${nginxUrl}/sign-in`);
}

export async function stop(): Promise<void> {
  for (const [name, child] of children) {
    // nginx's master stops its workers on SIGTERM; killed outright, it left a worker holding the
    // port, which the next run's nginx could not bind (and the old worker answered in its place).
    if (child.exitCode === null && child.signalCode === null) child.kill(name === "nginx" ? "SIGTERM" : "SIGKILL");
  }
  await Promise.all([...children.values()].map(exited));
  children.clear();
  if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
  if (process.env.TEST_POSTGRES_URL) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
}

/** The operators' CLI against the cluster's database (or another). */
export function adminCli(...args: string[]): string {
  return adminCliOn(databaseUrl(), ...args);
}

export function adminCliOn(url: string, ...args: string[]): string {
  return execFileSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export async function upstreamFault(fault: object): Promise<void> {
  await fetch(`${upstreamUrl}/__control/faults`, { method: "POST", body: JSON.stringify(fault) });
}
