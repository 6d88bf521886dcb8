"use client";

import { useEffect, useState } from "react";
import type { SearchResults } from "@/lib/conversations/search";

export type SearchState =
  | { status: "idle" }
  | { status: "loading"; query: string }
  | { status: "done"; results: SearchResults }
  | { status: "error"; query: string; error: string };

/** Waits for a pause in typing before asking the server. */
const DEBOUNCE_MS = 180;

/** Results for `query` as it is typed: the latest question only, earlier ones are cancelled. */
export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: "idle" });
  const trimmed = query.trim();

  useEffect(() => {
    if (!trimmed) {
      setState({ status: "idle" });
      return;
    }
    setState({ status: "loading", query: trimmed });
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const res = await fetch(`/api/conversations/search?q=${encodeURIComponent(trimmed)}`, {
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        const body = (await res.json().catch(() => null)) as (SearchResults & { error?: string }) | null;
        if (!res.ok || !body) throw new Error(body?.error ?? `Search failed (HTTP ${res.status})`);
        setState({ status: "done", results: body });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ status: "error", query: trimmed, error: error instanceof Error ? error.message : "Search failed" });
      }
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed]);

  return state;
}
