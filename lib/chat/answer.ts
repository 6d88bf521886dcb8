import { randomUUID } from "node:crypto";
import type { GenerationDelta } from "@/lib/providers/types";
import { type MessagePart, plainTextOf, type ReasoningPart, type ToolCallPart } from "./parts";

/**
 * An answer's parts as its deltas arrive: text and reasoning runs merge, tool-call fragments
 * join their call by index. A reasoning run's duration is the time until the first delta that
 * is not reasoning (the "Thought for N s" the chat shows).
 */
export class AnswerParts {
  readonly parts: MessagePart[] = [];
  private readonly calls = new Map<number, ToolCallPart>();
  private thinking: { part: ReasoningPart; since: number } | null = null;

  add(delta: GenerationDelta): void {
    if (delta.type !== "reasoning") this.endThinking();
    const last = this.parts.at(-1);
    switch (delta.type) {
      case "text":
        if (last?.type === "text") last.text += delta.text;
        else this.parts.push({ type: "text", text: delta.text });
        break;
      case "reasoning":
        if (this.thinking) this.thinking.part.text += delta.text;
        else {
          const part: ReasoningPart = { type: "reasoning", text: delta.text, durationMs: 0 };
          this.parts.push(part);
          this.thinking = { part, since: performance.now() };
        }
        break;
      case "tool-call": {
        let call = this.calls.get(delta.index);
        if (!call) {
          call = {
            type: "tool-call",
            id: delta.id ?? `call_${randomUUID().replace(/-/g, "")}`,
            name: "",
            arguments: "",
          };
          this.calls.set(delta.index, call);
          this.parts.push(call);
        }
        if (delta.name) call.name = delta.name;
        call.arguments += delta.arguments;
        break;
      }
    }
  }

  /** The parts as they stand when the answer ends (also after a stop or a cut). */
  finish(): MessagePart[] {
    this.endThinking();
    return this.parts;
  }

  get text(): string {
    return plainTextOf(this.parts);
  }

  get hasToolCalls(): boolean {
    return this.calls.size > 0;
  }

  /** The answer so far as the fewest deltas, for a reader who joins mid-answer. */
  replay(): GenerationDelta[] {
    let index = 0;
    return this.parts.flatMap((part): GenerationDelta[] => {
      if (part.type === "text") return [{ type: "text", text: part.text }];
      if (part.type === "reasoning") return [{ type: "reasoning", text: part.text }];
      if (part.type === "tool-call") {
        return [{ type: "tool-call", index: index++, id: part.id, name: part.name, arguments: part.arguments }];
      }
      return [];
    });
  }

  private endThinking(): void {
    if (!this.thinking) return;
    this.thinking.part.durationMs = Math.round(performance.now() - this.thinking.since);
    this.thinking = null;
  }
}
