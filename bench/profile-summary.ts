/**
 * Where a process's CPU went, by library: `npx tsx bench/profile-summary.ts [--skip-s S] FILE.cpuprofile…`
 * (from `bench/gateways.ts --cpu-prof DIR`). Self time of every sample after the first S seconds
 * (the start-up), grouped by the package or part of the app its function lives in; idle and the
 * GC are their own rows. Bundled packages are told by their functions' names.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Functions of Prisma's SQLite adapter, which the build bundles into the app's chunks. */
const SQLITE_ADAPTER = /^(executeIO|performIO|startTransaction|commit|rollback|queryRaw|executeRaw)$/;

const GROUPS: [RegExp, string][] = [
  [/@prisma\/adapter-better-sqlite3|better-sqlite3/, "SQLite adapter and driver"],
  [/@prisma\/adapter-pg|node_modules\/pg/, "PostgreSQL adapter and driver"],
  [/@prisma\/client|\/generated\/|query_compiler|prisma/, "Prisma client and query compiler"],
  [/next\/dist/, "Next.js"],
  [/undici|internal\/deps\/undici/, "undici (fetch)"],
  [/webstreams|streams\//, "WHATWG streams"],
  [/async_hooks|async_local_storage/, "AsyncLocalStorage"],
  [/tiktoken|tokenizer|@huggingface/, "tokenizers"],
  [/\.next\/server\/chunks/, "the app's bundle (lib/, app/, zod, other bundled code)"],
  [/node_modules/, "other packages"],
  [/^node:|^internal\/|^$/, "Node internals (sockets, timers, microtasks)"],
];

function groupOf(node: Node): string {
  const { functionName, url } = node.callFrame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  if (SQLITE_ADAPTER.test(functionName)) return "SQLite adapter and driver";
  for (const [pattern, name] of GROUPS) if (pattern.test(url)) return name;
  return "other";
}

const args = process.argv.slice(2);
const skipUs = args[0] === "--skip-s" ? Number(args.splice(0, 2)[1]) * 1e6 : 0;
const totals = new Map<string, number>();
for (const file of args) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node || at < skipUs) return;
    const group = groupOf(node);
    totals.set(group, (totals.get(group) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
}
const busy = [...totals].filter(([g]) => g !== "(idle)").reduce((sum, [, us]) => sum + us, 0);
console.log(`busy ${(busy / 1000).toFixed(0)} ms in ${args.length} profile(s)`);
for (const [group, us] of [...totals].sort((a, b) => b[1] - a[1])) {
  if (group === "(idle)") continue;
  console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${group}`);
}
