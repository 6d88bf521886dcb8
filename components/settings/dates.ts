import { useSyncExternalStore } from "react";

/**
 * Dates of the settings pages. The server and the hydrating browser format with the server's
 * clock (`renderedAt`) and in UTC so their HTML matches; once hydrated, the browser's own clock
 * and time zone take over.
 */
const subscribeNothing = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}

export interface DateContext {
  now: number;
  /** undefined = the browser's own zone. */
  timeZone: "UTC" | undefined;
}

export function useDateContext(renderedAt: number): DateContext {
  const hydrated = useHydrated();
  return hydrated ? { now: Date.now(), timeZone: undefined } : { now: renderedAt, timeZone: "UTC" };
}

export function formatDay(iso: string, ctx: DateContext): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: ctx.timeZone }).format(new Date(iso));
}

export function formatFull(iso: string, ctx: DateContext): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: ctx.timeZone,
  }).format(new Date(iso));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago", then the date. */
export function formatAgo(iso: string, ctx: DateContext): string {
  const diff = Math.max(0, ctx.now - new Date(iso).getTime());
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  if (diff < MINUTE) return "just now";
  if (diff < HOUR) return plural(Math.floor(diff / MINUTE), "minute");
  if (diff < DAY) return plural(Math.floor(diff / HOUR), "hour");
  if (diff < 30 * DAY) return plural(Math.floor(diff / DAY), "day");
  return formatDay(iso, ctx);
}
