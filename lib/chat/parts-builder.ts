import type { GenerationDelta } from "@/lib/providers/types";
import type { MessagePart } from "./parts";

/**
 * An answer's parts built from its stream of deltas (text, reasoning, tool-call fragments), in
 * the order they came: consecutive text or reasoning deltas grow one part, each tool call is one
 * part whatever the number of its fragments. Pure and immutable (each step returns a new
 * builder), so the browser can keep it in React state and a server can fold a stream with it.
 */
export interface PartsBuilder {
  readonly parts: readonly MessagePart[];
  /** When the reasoning part being written started (ms), to give it its duration when it ends. */
  readonly reasoningSince: number | null;
  /** The position in `parts` of each tool call, by its stream index. */
  readonly calls: Readonly<Record<number, number>>;
}

export const emptyBuilder: PartsBuilder = { parts: [], reasoningSince: null, calls: {} };

/** Adds one delta received at `at` (ms since the epoch). */
export function addDelta(builder: PartsBuilder, delta: GenerationDelta, at: number): PartsBuilder {
  const closed = delta.type === "reasoning" ? builder : closeReasoning(builder, at);
  const parts = [...closed.parts];
  const last = parts.at(-1);
  switch (delta.type) {
    case "text":
      if (!delta.text) return closed;
      if (last?.type === "text") parts[parts.length - 1] = { ...last, text: last.text + delta.text };
      else parts.push({ type: "text", text: delta.text });
      return { ...closed, parts };
    case "reasoning":
      if (!delta.text) return closed;
      if (last?.type === "reasoning" && closed.reasoningSince !== null) {
        parts[parts.length - 1] = { ...last, text: last.text + delta.text };
        return { ...closed, parts };
      }
      parts.push({ type: "reasoning", text: delta.text });
      return { ...closed, parts, reasoningSince: at };
    case "tool-call": {
      const position = closed.calls[delta.index];
      const call = position === undefined ? undefined : parts[position];
      if (call?.type === "tool-call") {
        parts[position as number] = {
          ...call,
          id: call.id || delta.id || "",
          name: call.name || delta.name || "",
          arguments: call.arguments + delta.arguments,
        };
        return { ...closed, parts };
      }
      parts.push({ type: "tool-call", id: delta.id ?? "", name: delta.name ?? "", arguments: delta.arguments });
      return { ...closed, parts, calls: { ...closed.calls, [delta.index]: parts.length - 1 } };
    }
  }
}

/** A delta and when it arrived (ms since the epoch). */
export interface TimedDelta {
  delta: GenerationDelta;
  at: number;
}

/** Adds deltas in order. */
export function addDeltas(builder: PartsBuilder, deltas: readonly TimedDelta[]): PartsBuilder {
  return deltas.reduce((b, { delta, at }) => addDelta(b, delta, at), builder);
}

/** The parts once the stream has ended at `at`: the reasoning still open gets its duration. */
export function finishParts(builder: PartsBuilder, at: number): MessagePart[] {
  return [...closeReasoning(builder, at).parts];
}

function closeReasoning(builder: PartsBuilder, at: number): PartsBuilder {
  if (builder.reasoningSince === null) return builder;
  const parts = [...builder.parts];
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    if (part?.type !== "reasoning") continue;
    parts[i] = { ...part, durationMs: Math.max(0, Math.round(at - builder.reasoningSince)) };
    break;
  }
  return { ...builder, parts, reasoningSince: null };
}
