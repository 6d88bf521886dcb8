import clsx from "clsx";
import type { Capability } from "@/lib/providers/types";

const LABELS: Record<Capability, string> = { vision: "Vision", tools: "Tools", json: "JSON", reasoning: "Reasoning" };

/** What a model can do, as small badges (the model switcher, the admin's providers page). */
export function CapabilityBadges({ capabilities, className }: { capabilities: Capability[]; className?: string }) {
  return (
    <span className={clsx("flex flex-wrap gap-1", className)}>
      {capabilities.map((c) => (
        <span
          key={c}
          data-testid="model-capability"
          className="rounded-full border border-zinc-200 px-1.5 text-[11px] leading-4 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        >
          {LABELS[c]}
        </span>
      ))}
    </span>
  );
}
