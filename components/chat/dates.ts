export const GROUP_LABELS = ["Today", "Yesterday", "Previous 7 days", "Previous 30 days", "Older"] as const;
export type GroupLabel = (typeof GROUP_LABELS)[number];

const DAY = 86_400_000;

/** Midnight of the day `ms` falls on, in local time or, for a stable server render, in UTC. */
function startOfDay(ms: number, utc: boolean): number {
  const d = new Date(ms);
  if (utc) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function groupOf(updatedAt: number, now: number, utc: boolean): GroupLabel {
  const days = Math.round((startOfDay(now, utc) - startOfDay(updatedAt, utc)) / DAY);
  if (days <= 0) return "Today";
  if (days === 1) return "Yesterday";
  if (days <= 7) return "Previous 7 days";
  if (days <= 30) return "Previous 30 days";
  return "Older";
}
