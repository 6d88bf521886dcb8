/**
 * Waits for the machine to be quiet enough to measure: 1-minute load below 1.5 and none of the
 * processes that skew timings (browser tests, builds, test runs, other benchmarks) running,
 * besides the caller's own (`self`, a substring of its command line). Linux (/proc) only;
 * elsewhere it checks the load alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

const BUSY = /playwright|next build|vitest|bench\//;
const MAX_LOAD = 1.5;

function busyProcesses(self: string): string[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const pid of pids) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      if (BUSY.test(command) && !command.includes(self)) found.push(`${pid} ${command.slice(0, 80)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * Returns the 1-minute load when measuring may begin, and whether the machine was quiet then: it
 * waits up to `maxMinutes` for that, then goes on regardless (the report says which it was).
 */
export async function waitUntilQuiet(self: string, maxMinutes: number): Promise<{ load: number; quiet: boolean }> {
  const deadline = Date.now() + maxMinutes * 60_000;
  for (;;) {
    const load = os.loadavg()[0] ?? 0;
    const busy = busyProcesses(self);
    if (load < MAX_LOAD && busy.length === 0) return { load, quiet: true };
    if (Date.now() > deadline) {
      process.stderr.write(`not quiet after ${maxMinutes} min (load ${load.toFixed(2)}): measuring anyway\n`);
      return { load, quiet: false };
    }
    process.stderr.write(`waiting for a quiet machine: load ${load.toFixed(2)}, ${busy.length} busy processes\n`);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
  }
}
