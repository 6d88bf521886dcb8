import type { Capability } from "@/lib/providers/types";

/** A model capability as its badge reads (the model switcher, the admin's providers page). */
export const CAPABILITY_LABELS: Record<Capability, string> = {
  vision: "Vision",
  tools: "Tools",
  json: "JSON",
  reasoning: "Reasoning",
};
