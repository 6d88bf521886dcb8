// Loaded into the `next start` process by bench/ttfb.ts (NODE_OPTIONS=--import, with
// --expose-gc): on SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() to
// BENCH_GC_OUT, so the memory phase compares live memory, not garbage that happens to be there.
// With BENCH_HEAP_DIR (bench/ttfb.ts --heap-snapshots DIR) it also writes a heap snapshot there.
// With BENCH_GC_DIR (bench/gateways.ts, whose gateways are trees of processes) each process
// writes its own <pid>.json there.
// Nothing runs on the request path.
import { writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

const out = process.env.BENCH_GC_OUT;
const heapDir = process.env.BENCH_HEAP_DIR;
const dir = process.env.BENCH_GC_DIR;
let snapshots = 0;
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  if (heapDir) v8.writeHeapSnapshot(path.join(heapDir, `app-${++snapshots}.heapsnapshot`));
  const usage = JSON.stringify({ at: Date.now(), ...process.memoryUsage() });
  if (out) writeFileSync(out, usage);
  if (dir) writeFileSync(path.join(dir, `${process.pid}.json`), usage);
});
