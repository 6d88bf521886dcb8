import { hostname } from "node:os";

/**
 * Which process runs an answer, written on its Generation row: "host/pid". A heartbeat can stop
 * without the process dying — on SQLite a worker waiting for the write lock blocks its own event
 * loop (better-sqlite3's busy wait), so its beats pause for as long as the lock is held. A reaper
 * on the same host asks the operating system instead of guessing from the clock.
 */
export const THIS_PROCESS = `${hostname()}/${process.pid}`;

/**
 * False when the owner is known to be gone (same host, no such process); true when it is alive
 * here. Another host's process cannot be asked: null, and the heartbeat decides.
 */
export function ownerAlive(owner: string | null): boolean | null {
  const [host, pid] = owner?.split("/") ?? [];
  if (!host || !pid || host !== hostname()) return null;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; ESRCH: no such process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
