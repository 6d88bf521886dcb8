/**
 * The client side of a provider stream (issue #12): CPU and heap of answers read through the
 * OpenAI-compatible adapter (lib/providers: openEventStream + parseOpenAiEvents) from the local
 * upstream, this checkout against another commit's lib/ in the same run.
 * `npx tsx bench/provider-stream.ts [--base <commit>] [--streams 400] [--concurrency 50] [--max-tokens 32]`; see --help.
 *
 * The local upstream is its own process (bench/harness.ts startUpstream). Each side is a worker
 * process (this script with --worker) importing lib/ from its tree: this checkout, and the base
 * commit's lib/ unpacked with `git archive` into a temporary directory. Rounds alternate between
 * the sides so both see the same machine. A round reads --streams answers to the end,
 * --concurrency at a time; then, outside the CPU window, opens --concurrency streams, waits for
 * their first event and weighs the heap after a GC. Prints, median of the rounds: CPU µs per
 * stream and per event (process.cpuUsage of the worker: the client alone, GC included), and heap
 * KiB per open stream; with the 1-minute load average before and after.
 */
import { execFileSync, fork } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanups, log, MODEL, median, QUESTION, ROOT, runBench, startUpstream } from "./harness";

const HELP = `bench/provider-stream.ts: CPU and heap per provider stream, this checkout against --base.

  --base <commit>      the other side (default 2878af5: the last commit that called providers
                       through fetch() and WHATWG streams)
  --streams N          answers read per round and side (default 400)
  --concurrency N      streams open at once (default 50)
  --rounds N           rounds per side, alternating (default 7)
  --max-tokens N       the answer's length (default 32: about 30 events)
  --chunk-delay MS     the upstream's pause between chunks (default 2: one event per TCP read)
  --verbose            the upstream's output
`;

interface RoundResult {
  cpuUsPerStream: number;
  cpuUsPerEvent: number;
  heapKiBPerOpenStream: number;
}

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};

if (argv.includes("--worker")) await serveRounds(flag("--worker", ROOT));
else if (argv.includes("--help") || argv.includes("-h")) process.stdout.write(HELP);
else await runBench("provider-stream", compare);

/** The parent: the upstream, the two workers, the rounds in alternation, the table. */
async function compare(): Promise<void> {
  const base = flag("--base", "2878af5");
  const streams = Number(flag("--streams", "400"));
  const concurrency = Number(flag("--concurrency", "50"));
  const rounds = Number(flag("--rounds", "7"));
  const upstream = await startUpstream(Number(flag("--chunk-delay", "2")), argv.includes("--verbose"));
  const sides = { [`base ${base}`]: unpack(base), "this checkout": ROOT };
  const workers = Object.entries(sides).map(([name, tree]) => {
    const child = fork(fileURLToPath(import.meta.url), ["--worker", tree, "--max-tokens", flag("--max-tokens", "32")], {
      cwd: tree,
      execArgv: ["--import", "tsx", "--expose-gc"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        BENCH_UPSTREAM_URL: upstream.url,
        BENCH_UPSTREAM_KEY: upstream.key,
        TSX_TSCONFIG_PATH: path.join(tree, "tsconfig.json"),
      },
    });
    cleanups.push(async () => void child.kill());
    let failed: (error: Error) => void = () => {};
    child.on("exit", (code) => failed(new Error(`the ${name} worker exited (${code})`)));
    const run = (job: { streams: number; concurrency: number }) =>
      new Promise<RoundResult>((resolve, reject) => {
        failed = reject;
        child.once("message", (result) => resolve(result as RoundResult));
        child.send(job);
      });
    return { name, run, results: [] as RoundResult[] };
  });
  const loadBefore = os.loadavg()[0] ?? 0;
  // A warm-up round each (JIT, the upstream's keep-alive sockets), not counted.
  for (const worker of workers) await worker.run({ streams: concurrency, concurrency });
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...workers].reverse() : workers;
    for (const worker of order) worker.results.push(await worker.run({ streams, concurrency }));
    log(`round ${r + 1}/${rounds} done`);
  }
  const load = `${loadBefore.toFixed(2)} → ${(os.loadavg()[0] ?? 0).toFixed(2)}`;
  console.log(`provider streams: ${streams} × ${rounds} rounds per side, ${concurrency} at once, load ${load}`);
  console.log(
    `  ${"".padEnd(22)} ${"CPU µs/stream".padStart(14)} ${"CPU µs/event".padStart(13)} ${"heap KiB/open".padStart(14)}`,
  );
  for (const { name, results } of workers) {
    const of = (key: keyof RoundResult) => median(results.map((result) => result[key]));
    console.log(
      `  ${name.padEnd(22)} ${of("cpuUsPerStream").toFixed(0).padStart(14)} ${of("cpuUsPerEvent").toFixed(1).padStart(13)} ${of("heapKiBPerOpenStream").toFixed(1).padStart(14)}`,
    );
  }
}

/** The base commit's lib/ and what tsx needs to load it, with this checkout's node_modules. */
function unpack(commit: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "spj-provider-stream-"));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const archive = path.join(dir, "lib.tar");
  execFileSync("git", ["archive", "-o", archive, commit, "lib", "tsconfig.json", "package.json"], { cwd: ROOT });
  execFileSync("tar", ["-x", "-f", archive, "-C", dir]);
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** A worker: answers each round the parent asks for with its figures. */
async function serveRounds(tree: string): Promise<void> {
  const { openAiCompatibleAdapter } = (await import(
    path.join(tree, "lib/providers/openai-compatible.ts")
  )) as typeof import("../lib/providers/openai-compatible");
  const adapter = openAiCompatibleAdapter({
    id: "bench",
    label: "Bench",
    type: "openai-compatible",
    baseUrl: process.env.BENCH_UPSTREAM_URL as string,
    apiKeyEnv: "BENCH_UPSTREAM_KEY",
  });
  const open = () =>
    adapter.stream({
      model: MODEL,
      messages: [{ role: "user", parts: [{ type: "text", text: QUESTION }] }],
      maxTokens,
      signal: new AbortController().signal,
    });
  const readToEnd = async (stream: Awaited<ReturnType<typeof open>>) => {
    let events = 0;
    for await (const _ of stream.events) events++;
    return events;
  };
  const maxTokens = Number(flag("--max-tokens", "32"));
  const gc = globalThis.gc as () => void;

  process.on("message", async ({ streams, concurrency }: { streams: number; concurrency: number }) => {
    let started = 0;
    let events = 0;
    const cpu = process.cpuUsage();
    const slot = async () => {
      while (started++ < streams) {
        const read = await readToEnd(await open());
        events += read;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, slot));
    const used = process.cpuUsage(cpu);

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const held = await Promise.all(Array.from({ length: concurrency }, open));
    gc();
    const heapOpen = process.memoryUsage().heapUsed;
    await Promise.all(held.map(readToEnd));

    const cpuUs = used.user + used.system;
    const result: RoundResult = {
      cpuUsPerStream: cpuUs / streams,
      cpuUsPerEvent: cpuUs / events,
      heapKiBPerOpenStream: (heapOpen - heapBefore) / 1024 / concurrency,
    };
    process.send?.(result);
  });
}
