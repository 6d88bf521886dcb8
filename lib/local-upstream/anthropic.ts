// Anthropic's Messages API (`POST /v1/messages`) on the local upstream, streamed and not, with
// thinking blocks on request, `tool_use`/`tool_result`, and the same fault knobs as OpenAI's format.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenCounter } from "../usage/tokens";
import { type ChatMessage, longAnswer, splitIntoChunks } from "./answers";
import { argumentFragments, scenarioOf, type ToolSpec } from "./scenario";
import { imageTokensIn, numberOrNull, recordedRequest, sendJson, type UpstreamContext, withinTokens } from "./server";

type Json = Record<string, unknown>;

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

function errorBody(status: number, message: string): Json {
  return {
    type: "error",
    error: { type: ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"), message },
  };
}

/** The plain text of an Anthropic content value (a string or blocks). */
function blocksText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((b: Json) =>
      b.type === "text" && typeof b.text === "string" ? b.text : b.type === "tool_result" ? blocksText(b.content) : "",
    )
    .join("");
}

/** The conversation as plain-text messages; a user turn that returns tool results reads as role "tool". */
function chatMessages(body: Json): ChatMessage[] {
  const system = blocksText(body.system);
  const turns = (body.messages as Json[]).map((m) => {
    const blocks = Array.isArray(m.content) ? (m.content as Json[]) : [];
    const isToolResult = blocks.length > 0 && blocks.every((b) => b.type === "tool_result");
    return {
      role: isToolResult ? "tool" : String(m.role ?? ""),
      content: blocksText(m.content),
      imageTokens: imageTokensIn(m.content),
    };
  });
  return system ? [{ role: "system", content: system }, ...turns] : turns;
}

const sse = (event: Json) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export async function handleMessages(
  req: IncomingMessage,
  res: ServerResponse,
  body: Json,
  ctx: UpstreamContext,
): Promise<void> {
  const id = `msg_${randomUUID().replace(/-/g, "")}`;
  const rec = recordedRequest({
    id,
    api: "anthropic",
    body,
    model: typeof body.model === "string" ? body.model : "",
    messages: Array.isArray(body.messages) ? (body.messages as unknown[]) : [],
    stream: body.stream === true,
    includeUsage: true,
    authorization: (req.headers["x-api-key"] as string | undefined) ?? null,
    maxTokens: numberOrNull(body.max_tokens),
    temperature: numberOrNull(body.temperature),
  });
  ctx.record(rec);
  const fail = (status: number, message: string): void => {
    rec.status = status;
    rec.endedAt = Date.now();
    sendJson(res, status, errorBody(status, message));
  };

  if (ctx.options.requireKey !== undefined && rec.authorization !== ctx.options.requireKey) {
    return fail(401, "invalid x-api-key");
  }
  if (!req.headers["anthropic-version"]) return fail(400, "anthropic-version: header is required");
  if (!Array.isArray(body.messages) || body.messages.some((m) => typeof m !== "object" || m === null)) {
    return fail(400, "messages: Field required");
  }
  if (rec.maxTokens === null) return fail(400, "max_tokens: Field required");
  if (!ctx.models.includes(rec.model)) return fail(404, `model: ${rec.model}`);

  const messages = chatMessages(body);
  const counter = ctx.counters.get(rec.model) as TokenCounter;
  const fault = ctx.takeFault(messages);
  const long = fault.answerTokens;
  const tools: ToolSpec[] = (Array.isArray(body.tools) ? (body.tools as Json[]) : []).map((t) => ({
    name: String(t.name ?? ""),
    parameters: t.input_schema as Json | undefined,
  }));
  const last = messages.at(-1);
  const scenario = scenarioOf({
    messages,
    tools,
    toolResult: last?.role === "tool" ? last.content : null,
    reasoning: (body.thinking as Json | undefined)?.type === "enabled",
    id,
  });
  const allPieces = splitIntoChunks(long ? longAnswer(messages, long, (t) => counter.text(t)) : scenario.text);
  const pieces = long ? allPieces : withinTokens(allPieces, rec.maxTokens, counter);
  const answer = pieces.join("");
  const call = scenario.toolCall;
  const stopReason = call ? "tool_use" : pieces.length < allPieces.length ? "max_tokens" : "end_turn";
  const inputTokens = counter.prompt(messages);
  const outputTokens = () =>
    counter.text(scenario.reasoning.join("") + answer + (call ? call.name + call.arguments : "")) +
    (stopReason === "max_tokens" ? 0 : counter.endOfTurn);
  const sendUsage = !fault.omitUsage;

  // One step per content delta; block starts and stops travel with the delta next to them.
  const steps: string[] = [];
  let block = 0;
  const addBlock = (start: Json, deltas: Json[]) => {
    deltas.forEach((delta, i) => {
      const opening = i === 0 ? sse({ type: "content_block_start", index: block, content_block: start }) : "";
      const closing = i === deltas.length - 1 ? sse({ type: "content_block_stop", index: block }) : "";
      steps.push(opening + sse({ type: "content_block_delta", index: block, delta }) + closing);
    });
    block += 1;
  };
  if (scenario.reasoning.length) {
    addBlock({ type: "thinking", thinking: "" }, [
      ...scenario.reasoning.map((thinking) => ({ type: "thinking_delta", thinking })),
      { type: "signature_delta", signature: "local-upstream" },
    ]);
  }
  if (pieces.length)
    addBlock(
      { type: "text", text: "" },
      pieces.map((text) => ({ type: "text_delta", text })),
    );
  if (call) {
    addBlock(
      { type: "tool_use", id: call.id.replace(/^call_/, "toolu_"), name: call.name, input: {} },
      argumentFragments(call.arguments).map((partial_json) => ({ type: "input_json_delta", partial_json })),
    );
  }
  rec.chunksPlanned = steps.length;

  let finished = false;
  let cutByUs = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  res.on("close", () => {
    if (timer) clearTimeout(timer);
    if (finished) return;
    finished = true;
    rec.aborted = !cutByUs;
    rec.endedAt = Date.now();
  });
  const cutSocket = (): void => {
    cutByUs = true;
    res.socket?.destroy();
  };
  const delay = fault.chunkDelayMs ?? ctx.defaultDelay;
  const cutAt = fault.cutAfterChunks;

  const respond = () => {
    if (finished) return;
    if (fault.status !== undefined) {
      finished = true;
      return fail(fault.status, `Simulated upstream error (HTTP ${fault.status})`);
    }
    rec.status = 200;
    if (!rec.stream) {
      if (cutAt !== undefined) return cutSocket();
      finished = true;
      const content: Json[] = [];
      if (scenario.reasoning.length) {
        content.push({ type: "thinking", thinking: scenario.reasoning.join(""), signature: "local-upstream" });
      }
      if (answer) content.push({ type: "text", text: answer });
      if (call) {
        content.push({
          type: "tool_use",
          id: call.id.replace(/^call_/, "toolu_"),
          name: call.name,
          input: JSON.parse(call.arguments),
        });
      }
      Object.assign(rec, { chunksSent: steps.length, completed: true, endedAt: Date.now() });
      const usage = sendUsage ? { usage: { input_tokens: inputTokens, output_tokens: outputTokens() } } : {};
      const message = {
        id,
        type: "message",
        role: "assistant",
        model: rec.model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
      };
      return sendJson(res, 200, { ...message, ...usage });
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": id });
    const usageStart = sendUsage ? { usage: { input_tokens: inputTokens, output_tokens: 1 } } : {};
    const start = sse({
      type: "message_start",
      message: {
        id,
        type: "message",
        role: "assistant",
        content: [],
        model: rec.model,
        stop_reason: null,
        stop_sequence: null,
        ...usageStart,
      },
    });
    res.write(`${start}${sse({ type: "ping" })}`);
    let i = 0;
    const step = () => {
      if (finished) return;
      if (cutAt !== undefined && i >= cutAt) return cutSocket();
      if (i === steps.length) {
        finished = true;
        const usage = sendUsage ? { usage: { output_tokens: outputTokens() } } : {};
        res.end(
          sse({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, ...usage }) +
            sse({ type: "message_stop" }),
        );
        Object.assign(rec, { completed: true, endedAt: Date.now() });
        return;
      }
      res.write(steps[i] as string);
      i += 1;
      rec.chunksSent = i;
      timer = setTimeout(step, delay);
    };
    step();
  };
  if (fault.firstByteDelayMs) timer = setTimeout(respond, fault.firstByteDelayMs);
  else respond();
}
