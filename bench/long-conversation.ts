/**
 * A long conversation's page: `npx tsx bench/long-conversation.ts [--build auto|always|never] [--runs N]`
 *
 * The production build (bench/bench-app.ts) with two conversations seeded for a signed-in user:
 * 2,000 messages and 20 (questions and the demo model's Markdown answers). Each page is fetched
 * N times (default 9) with the user's session: its HTML (server-rendered messages and the React
 * payload) raw and gzip, and the server's time to the last byte; then the same for each one's
 * public link, as an anonymous reader opens it. The machine is shared: the load
 * average is printed, and the quietest (fastest) repeat is the figure; the median beside it.
 * Targets: the 2,000-message page ≤ 150 KB and ≤ 50 ms.
 */
import { gzipSync } from "node:zlib";
import { loadAverage, startBenchApp } from "./bench-app";

const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const build = flag("--build", "auto") as "auto" | "always" | "never";
const runs = Number(flag("--runs", "9"));
const log = (message: string) => console.log(`[long-conversation] ${message}`);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Fetches `path` `runs` times (after one warm-up) and logs its weight and the server's time. */
async function measure(name: string, path: string, headers: Record<string, string>): Promise<void> {
  // One warm-up request: the route's first render compiles nothing in production, but warms caches.
  await fetch(`${app.base}${path}`, { headers }).then((r) => r.text());
  const samples: { ms: number; bytes: number; gzip: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(`${app.base}${path}`, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    samples.push({ ms, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length });
  }
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const { bytes, gzip } = samples[0] ?? { bytes: 0, gzip: 0 };
  log(
    `${name}: page ${kb(bytes)} raw, ${kb(gzip)} gzip; server ${times[0]?.toFixed(1)} ms quietest, ` +
      `${times[Math.floor(times.length / 2)]?.toFixed(1)} ms median of ${runs}`,
  );
}

const app = await startBenchApp({ name: "long-conversation", build, port: Number(process.env.BENCH_PORT ?? 3957) });
try {
  const page = await app.signedInPage();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // The app's database, seeded from here (lib/db reads DATABASE_URL when first used).
  process.env.DATABASE_URL = app.databaseUrl;
  const { db } = await import("../lib/db/client");
  const { seedLongConversation } = await import("../lib/testing/conversations");
  const owner = await db().user.findFirstOrThrow({
    select: { id: true, memberships: { select: { workspaceId: true } } },
  });
  const workspaceId = owner.memberships[0]?.workspaceId ?? "";
  const chats = [
    { name: "2,000 messages", count: 2000 },
    { name: "20 messages", count: 20 },
  ];
  log(`load average before: ${loadAverage()}`);
  const { resolveSessionActor } = await import("../lib/auth/session-actor");
  const { publishSnapshot } = await import("../lib/sharing/public-links");
  const actor = await resolveSessionActor(owner.id, null);
  if (!actor) throw new Error("the bench user has no actor");
  for (const chat of chats) {
    const { id } = await seedLongConversation({ workspaceId, ownerId: owner.id, title: chat.name, count: chat.count });
    await measure(`${chat.name}`, `/c/${id}`, { cookie });
    // Its public link, as an anonymous reader opens it (lib/sharing/public-links.ts snapshotPage).
    const { url } = await publishSnapshot(actor, id, app.base);
    await measure(`${chat.name}, public link`, new URL(url).pathname, {});
  }
  log(`load average after: ${loadAverage()}`);
} finally {
  await app.close();
}
process.exit(0);
