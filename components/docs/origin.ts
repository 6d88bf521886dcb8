/**
 * The origin people reach this server at, from the request's headers: a proxy's
 * X-Forwarded-Proto/-Host first (Next sets them too), then Host. Values that are not a plain
 * scheme and host are ignored, so a forged header can at worst show its sender a wrong URL.
 */
export const FALLBACK_ORIGIN = "http://localhost:3000";

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const first = (value: string | null): string | null => value?.split(",")[0]?.trim() || null;

export function requestOrigin(headers: { get(name: string): string | null }): string {
  const host = first(headers.get("x-forwarded-host")) ?? first(headers.get("host"));
  if (!host || !HOST.test(host)) return FALLBACK_ORIGIN;
  const proto = first(headers.get("x-forwarded-proto"))?.toLowerCase();
  const scheme = proto === "https" || proto === "http" ? proto : "http";
  // Default ports are left out, as browsers show them.
  const bare = (scheme === "https" && host.endsWith(":443")) || (scheme === "http" && host.endsWith(":80"));
  return `${scheme}://${(bare ? host.replace(/:\d+$/, "") : host).toLowerCase()}`;
}
