import type { SidebarConversation } from "./types";

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

/** Groups a newest-first list, keeping its order inside each group. */
export function groupConversations(
  items: SidebarConversation[],
  now: number,
  utc: boolean,
): { label: GroupLabel; items: SidebarConversation[] }[] {
  const groups = new Map<GroupLabel, SidebarConversation[]>();
  for (const item of items) {
    const label = groupOf(Date.parse(item.updatedAt), now, utc);
    const list = groups.get(label);
    if (list) list.push(item);
    else groups.set(label, [item]);
  }
  return GROUP_LABELS.filter((label) => groups.has(label)).map((label) => ({ label, items: groups.get(label) ?? [] }));
}
