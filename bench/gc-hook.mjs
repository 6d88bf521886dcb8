// Loaded into the `next start` process by bench/ttfb.ts (NODE_OPTIONS=--import, with
// --expose-gc): on SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() to
// BENCH_GC_OUT, so the memory phase compares live memory, not garbage that happens to be there.
// With BENCH_HEAP_DIR (bench/ttfb.ts --heap-snapshots DIR) it also writes a heap snapshot there.
// Nothing runs on the request path.
import { writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

const out = process.env.BENCH_GC_OUT;
const heapDir = process.env.BENCH_HEAP_DIR;
let snapshots = 0;
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  if (heapDir) v8.writeHeapSnapshot(path.join(heapDir, `app-${++snapshots}.heapsnapshot`));
  if (out) writeFileSync(out, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
});
