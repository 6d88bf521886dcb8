/**
 * Copy-able examples for the API docs page, for this server's own base URL. Request bodies are
 * kept as values (and only then turned into code) so a test can hold them against the API's
 * schemas and parsers.
 */
export interface CodeExample {
  id: string;
  title: string;
  description: string;
  language: "bash" | "javascript" | "python";
  code: string;
}

export interface ExampleGroup {
  id: "curl" | "javascript" | "python";
  label: string;
  examples: CodeExample[];
}

export const API_KEY_PLACEHOLDER = "SPJ_API_KEY";

export function exampleBodies(model: string) {
  return {
    chat: { messages: [{ role: "user", content: "Write a professional email greeting." }] },
    continued: {
      conversation_id: "<X-Conversation-Id of the first answer>",
      messages: [{ role: "user", content: "Now make it more formal." }],
    },
    completion: {
      model,
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "Explain what an API is in simple terms." },
      ],
      temperature: 0.7,
      max_tokens: 300,
    },
  } as const;
}

const indent = (text: string, spaces: number) => text.replace(/\n/g, `\n${" ".repeat(spaces)}`);
/** One line, spaced as people write it: { "role": "user", "content": "…" }. */
function inline(value: unknown, braces = " "): string {
  if (Array.isArray(value)) return `[${value.map((v) => inline(v, braces)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v, braces)}`);
    return entries.length ? `{${braces}${entries.join(", ")}${braces}}` : "{}";
  }
  return JSON.stringify(value);
}

/** JSON as people write it by hand: indented, short objects on one line, arrays of objects one item a line. */
export function prettyJson(value: unknown, depth = 0): string {
  const oneLine = inline(value);
  const listOfObjects = Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null);
  if (typeof value !== "object" || value === null || (!listOfObjects && oneLine.length + depth * 2 <= 80)) {
    return oneLine;
  }
  const pad = "  ".repeat(depth + 1);
  const close = "  ".repeat(depth);
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => pad + prettyJson(v, depth + 1)).join(",\n")}\n${close}]`;
  }
  const entries = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${prettyJson(v, depth + 1)}`);
  return `{\n${entries.join(",\n")}\n${close}}`;
}
const json = (value: unknown) => prettyJson(value);
/** A JavaScript literal: keys that are identifiers go unquoted. */
const jsLiteral = (value: unknown) => inline(value).replace(/"([A-Za-z_$][\w$]*)": /g, "$1: ");

export function exampleGroups(origin: string, model: string): ExampleGroup[] {
  const base = `${origin}/api/v1`;
  const bodies = exampleBodies(model);
  const curlJson = (value: unknown) => `'${indent(json(value), 2)}'`;
  return [
    {
      id: "curl",
      label: "cURL",
      examples: [
        {
          id: "curl-chat",
          title: "Stream an answer",
          description: "`-N` prints the answer as it streams in; `-i` shows the headers, X-Conversation-Id among them.",
          language: "bash",
          code: `curl -N -i ${base}/chat \\
  -H "Authorization: Bearer $${API_KEY_PLACEHOLDER}" \\
  -H "Content-Type: application/json" \\
  -d ${curlJson(bodies.chat)}`,
        },
        {
          id: "curl-continue",
          title: "Continue the conversation",
          description: "Send the new message with the conversation's id; its history goes along on the server.",
          language: "bash",
          code: `curl -N ${base}/chat \\
  -H "Authorization: Bearer $${API_KEY_PLACEHOLDER}" \\
  -H "Content-Type: application/json" \\
  -d ${curlJson(bodies.continued)}`,
        },
        {
          id: "curl-completions",
          title: "OpenAI-compatible completion",
          description: "A `chat.completion` object with `usage`, `provider`, `latency` and `cost`.",
          language: "bash",
          code: `curl ${base}/chat/completions \\
  -H "Authorization: Bearer $${API_KEY_PLACEHOLDER}" \\
  -H "Content-Type: application/json" \\
  -d ${curlJson(bodies.completion)}`,
        },
        {
          id: "curl-models",
          title: "List models and prices",
          description: "Prices are in dollars per 1K tokens.",
          language: "bash",
          code: `curl ${base}/models \\
  -H "Authorization: Bearer $${API_KEY_PLACEHOLDER}"`,
        },
      ],
    },
    {
      id: "javascript",
      label: "JavaScript",
      examples: [
        {
          id: "js-fetch",
          title: "fetch, reading the stream",
          description: "Works in Node.js 18+, Deno and Bun. Keep the key on the server, never in browser code.",
          language: "javascript",
          code: `const BASE_URL = "${base}";
const apiKey = process.env.${API_KEY_PLACEHOLDER};

async function streamChatResponse(messages, onChunk) {
  const response = await fetch(\`\${BASE_URL}/chat\`, {
    method: "POST",
    headers: {
      Authorization: \`Bearer \${apiKey}\`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ messages }),
  });

  if (!response.ok) {
    const error = await response.json();
    throw new Error(error.error);
  }

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let fullResponse = "";

  while (true) {
    const { done, value } = await reader.read();
    if (done) break;

    const chunk = decoder.decode(value, { stream: true });
    fullResponse += chunk;
    onChunk(chunk); // process each chunk in real time
  }

  // Send this id as conversation_id to continue the conversation.
  const conversationId = response.headers.get("X-Conversation-Id");
  return { text: fullResponse, conversationId };
}

await streamChatResponse(
  ${jsLiteral(bodies.chat.messages)},
  (chunk) => process.stdout.write(chunk),
);`,
        },
        {
          id: "js-openai",
          title: "The official openai SDK",
          description: "`npm install openai`, then point it at this server.",
          language: "javascript",
          code: `import OpenAI from "openai";

const client = new OpenAI({
  apiKey: process.env.${API_KEY_PLACEHOLDER},
  baseURL: "${base}",
});

const stream = await client.chat.completions.create({
  model: "${model}",
  messages: [{ role: "user", content: "Explain what an API is in simple terms." }],
  stream: true,
});

for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}`,
        },
      ],
    },
    {
      id: "python",
      label: "Python",
      examples: [
        {
          id: "py-requests",
          title: "requests, reading the stream",
          description: "`pip install requests`.",
          language: "python",
          code: `import os
import requests

BASE_URL = "${base}"
API_KEY = os.environ["${API_KEY_PLACEHOLDER}"]


def stream_chat_response(messages):
    response = requests.post(
        f"{BASE_URL}/chat",
        headers={"Authorization": f"Bearer {API_KEY}"},
        json={"messages": messages},
        stream=True,
    )
    if not response.ok:
        raise RuntimeError(response.json()["error"])

    response.encoding = "utf-8"
    full_response = ""
    for chunk in response.iter_content(chunk_size=None, decode_unicode=True):
        if chunk:
            full_response += chunk
            print(chunk, end="", flush=True)  # process each chunk in real time

    # Send this id as conversation_id to continue the conversation.
    return full_response, response.headers["X-Conversation-Id"]


stream_chat_response(${inline(bodies.chat.messages, "")})`,
        },
        {
          id: "py-openai",
          title: "The official openai package",
          description: "`pip install openai`, then point it at this server.",
          language: "python",
          code: `import os
from openai import OpenAI

client = OpenAI(
    api_key=os.environ["${API_KEY_PLACEHOLDER}"],
    base_url="${base}",
)

stream = client.chat.completions.create(
    model="${model}",
    messages=[{"role": "user", "content": "Explain what an API is in simple terms."}],
    stream=True,
)

for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)`,
        },
      ],
    },
  ];
}
