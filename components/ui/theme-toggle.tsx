"use client";

import clsx from "clsx";
import { Check, Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import { useDismiss } from "./use-dismiss";

const THEMES = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
] as const;

const subscribeNothing = () => () => {};

/** Light, dark or the system's theme. The choice is stored in this browser. */
export function ThemeToggle({ className }: { className?: string }) {
  const { theme, resolvedTheme, setTheme } = useTheme();
  // The stored theme is known only in the browser: the server renders the neutral icon.
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const current = hydrated ? (theme ?? "system") : "system";
  const Icon = !hydrated ? Monitor : resolvedTheme === "dark" ? Moon : Sun;
  return (
    <div ref={root} className={clsx("relative", className)}>
      <button
        type="button"
        data-testid="theme-toggle"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Theme: ${current}`}
        title="Theme"
        onClick={() => setOpen((o) => !o)}
        className="flex size-9 items-center justify-center rounded-lg text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <Icon className="size-[18px]" aria-hidden="true" />
      </button>
      {open && (
        <div
          role="menu"
          aria-label="Theme"
          className="absolute top-full right-0 z-50 mt-1 w-40 rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          {THEMES.map(({ value, label, icon: ItemIcon }) => (
            <button
              key={value}
              type="button"
              role="menuitemradio"
              aria-checked={current === value}
              data-testid={`theme-${value}`}
              onClick={() => {
                setTheme(value);
                setOpen(false);
              }}
              className="flex w-full items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-left text-sm text-zinc-700 transition-colors hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:text-zinc-300 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
            >
              <ItemIcon className="size-4 text-zinc-500 dark:text-zinc-400" aria-hidden="true" />
              <span className="flex-1">{label}</span>
              {current === value && <Check className="size-4" aria-hidden="true" />}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
