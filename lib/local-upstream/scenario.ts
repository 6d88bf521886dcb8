// What the fake model does with a request, whatever wire format carried it: think aloud when
// asked to (the format's reasoning switch, or "think" in the question), call a tool when it has tools and the question names one, and answer a tool's result.
// Both formats (server.ts for OpenAI's, anthropic.ts for Anthropic's) render the same scenario.
import { isTitleRequest } from "../chat/title";
import { type ChatMessage, demoAnswer, demoTitle } from "./answers";

export type ToolSpec = { name: string; parameters?: Record<string, unknown> };

export type ToolCallPlan = { id: string; name: string; arguments: string };

export type Scenario = {
  /** Reasoning pieces streamed before the answer (empty unless the request asked for reasoning). */
  reasoning: string[];
  /** The answer's text; empty when the model calls a tool instead. */
  text: string;
  toolCall: ToolCallPlan | null;
};

/** A sample value of a JSON Schema type, so the call's arguments fit the tool's parameters. */
function sample(schema: unknown, question: string): unknown {
  const type = typeof schema === "object" && schema !== null ? (schema as { type?: unknown }).type : undefined;
  if (type === "number" || type === "integer") return 1;
  if (type === "boolean") return true;
  if (type === "array") return [];
  if (type === "object") return {};
  return question.slice(0, 60);
}

function argumentsFor(tool: ToolSpec, question: string): string {
  const properties = (tool.parameters?.properties ?? {}) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) args[name] = sample(schema, question);
  return JSON.stringify(args);
}

/**
 * The scenario of a request. `messages` are the plain-text view of the conversation; `toolResult`
 * is set when the last message returns a tool's result.
 */
export function scenarioOf(input: {
  messages: ChatMessage[];
  tools: ToolSpec[];
  toolResult: string | null;
  reasoning: boolean;
  id: string;
}): Scenario {
  const question = [...input.messages].reverse().find((m) => m.role === "user")?.content ?? "";
  if (isTitleRequest(input.messages[0]?.content ?? ""))
    return { reasoning: [], text: demoTitle(question), toolCall: null };
  // Reasoning on request (the wire format's own switch), or when the question says "think".
  const reasoning =
    input.reasoning || /\bthink\b/i.test(question)
      ? ["Thinking ", "about: ", `"${question.replace(/\s+/g, " ").slice(0, 60)}"`, ". ", "A short, clear answer fits."]
      : [];
  if (input.toolResult !== null) {
    return { reasoning, text: `The tool answered: ${input.toolResult}`, toolCall: null };
  }
  // A tool is called when the question names it (e.g. "use get_weather for Paris").
  const tool = input.tools.find((t) => question.includes(t.name));
  if (tool) {
    const toolCall = { id: `call_${input.id.slice(-12)}`, name: tool.name, arguments: argumentsFor(tool, question) };
    return { reasoning, text: "", toolCall };
  }
  return { reasoning, text: demoAnswer(input.messages), toolCall: null };
}

/** Splits a call's JSON arguments into a few fragments, as providers stream them. */
export function argumentFragments(args: string): string[] {
  const size = Math.max(1, Math.ceil(args.length / 3));
  return args.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [args];
}
