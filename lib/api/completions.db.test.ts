import OpenAI from "openai";
import { expect, it } from "vitest";
import * as completionsRoute from "@/app/api/v1/chat/completions/route";
import * as chatRoute from "@/app/api/v1/chat/route";
import * as modelsRoute from "@/app/api/v1/models/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db/client";
import { createTestActor, describeDb, TEST_UPSTREAM_KEY, withTwoProviders } from "@/lib/testing/fixtures";

/**
 * The official `openai` package, unchanged, against the route handlers in this process (its
 * `fetch` option calls them), with models served by each adapter: tools, tool results and
 * options pass through, and the answer comes back in OpenAI's exact shape whichever provider
 * answered.
 */
const upstream = withTwoProviders();

const ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  "/api/v1/chat/completions": completionsRoute.POST,
  "/api/v1/models": modelsRoute.GET,
};

async function client(): Promise<OpenAI> {
  const actor = await createTestActor();
  const { key } = await createApiKey({
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    name: "sdk",
    expiresAt: null,
  });
  return new OpenAI({
    apiKey: key,
    baseURL: "http://localhost/api/v1",
    maxRetries: 0,
    fetch: async (url, init) => {
      const request = new Request(url as string, init as RequestInit);
      const handler = ROUTES[new URL(request.url).pathname];
      return handler ? handler(request) : new Response("not found", { status: 404 });
    },
  });
}

const parameters = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
const tools: OpenAI.ChatCompletionTool[] = [
  { type: "function", function: { name: "get_weather", description: "The weather in a city", parameters } },
];
const question: OpenAI.ChatCompletionMessageParam = { role: "user", content: "Use get_weather for Paris" };

describeDb.each(["llama", "claude"])("the openai SDK against a model served by %s", (model) => {
  it("completes a function-calling round trip, not streamed", async () => {
    const sdk = await client();
    const first = await sdk.chat.completions.create({ model, messages: [question], tools, tool_choice: "auto" });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    const call = choice?.message.tool_calls?.[0];
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
    if (call?.type !== "function") throw new Error("no function call");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Use get_weather for Paris" });
    expect(choice?.message.content).toBeNull();

    const second = await sdk.chat.completions.create({
      model,
      tools,
      messages: [
        question,
        choice?.message as OpenAI.ChatCompletionMessageParam,
        { role: "tool", tool_call_id: call.id, content: "18°C and sunny" },
      ],
    });
    expect(second.choices[0]).toMatchObject({
      finish_reason: "stop",
      message: { role: "assistant", content: "The tool answered: 18°C and sunny" },
    });
    const extra = second as unknown as { provider: string; cost: number };
    expect(extra.provider).toBe(model === "llama" ? "local-openai" : "local-anthropic");
    expect(extra.cost).toBeGreaterThan(0);

    // What reached the provider: the tool, then the call and its result in the provider's own format.
    const [sentFirst, sentSecond] = upstream.current.requests.slice(-2);
    if (model === "llama") {
      expect(sentFirst?.body).toMatchObject({ tools, tool_choice: "auto" });
      expect(sentSecond?.messages.slice(-2)).toEqual([
        { role: "assistant", content: null, tool_calls: [{ id: call.id, type: "function", function: call.function }] },
        { role: "tool", tool_call_id: call.id, content: "18°C and sunny" },
      ]);
    } else {
      expect(sentFirst?.body).toMatchObject({
        tools: [{ name: "get_weather", input_schema: parameters }],
        tool_choice: { type: "auto" },
      });
      expect(sentSecond?.messages.slice(-2)).toEqual([
        {
          role: "assistant",
          content: [
            { type: "tool_use", id: call.id, name: "get_weather", input: { city: "Use get_weather for Paris" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "18°C and sunny" }] },
      ]);
    }
  });

  it("completes a function-calling round trip, streamed, with tool_calls deltas in OpenAI's shape", async () => {
    const sdk = await client();
    const stream = await sdk.chat.completions.create({ model, messages: [question], tools, stream: true });
    const calls: { id?: string; name?: string; arguments: string }[] = [];
    let finish: string | null = null;
    let fragments = 0;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const delta of choice?.delta.tool_calls ?? []) {
        fragments += 1;
        calls[delta.index] ??= { arguments: "" };
        const call = calls[delta.index] as (typeof calls)[number];
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.name = delta.function.name;
        call.arguments += delta.function?.arguments ?? "";
      }
      finish = choice?.finish_reason ?? finish;
    }
    expect(finish).toBe("tool_calls");
    expect(fragments).toBeGreaterThan(1);
    expect(calls).toEqual([
      { id: expect.any(String), name: "get_weather", arguments: '{"city":"Use get_weather for Paris"}' },
    ]);

    const answer = await sdk.chat.completions.create({
      model,
      stream: true,
      messages: [
        question,
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: calls[0]?.id ?? "",
              type: "function",
              function: { name: "get_weather", arguments: calls[0]?.arguments ?? "" },
            },
          ],
        },
        { role: "tool", tool_call_id: calls[0]?.id ?? "", content: "18°C and sunny" },
      ],
    });
    let text = "";
    for await (const chunk of answer) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("The tool answered: 18°C and sunny");
  });
});

describeDb("options the OpenAI-compatible door passes through", () => {
  it("forwards response_format json_schema and sampling options to an OpenAI-compatible provider", async () => {
    const sdk = await client();
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };
    await sdk.chat.completions.create({
      model: "llama",
      messages: [{ role: "user", content: [{ type: "text", text: "Answer in JSON" }] }],
      response_format: { type: "json_schema", json_schema: { name: "reply", schema, strict: true } },
      top_p: 0.9,
      stop: "END",
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      user: "end-user-1",
      parallel_tool_calls: false,
      tools,
      n: 1,
    });
    expect(upstream.current.requests.at(-1)?.body).toMatchObject({
      response_format: { type: "json_schema", json_schema: { name: "reply", schema, strict: true } },
      top_p: 0.9,
      stop: ["END"],
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      user: "end-user-1",
      parallel_tool_calls: false,
      messages: [{ role: "user", content: "Answer in JSON" }],
    });
  });

  it("refuses what Anthropic cannot honour with a 400 naming it, without calling the provider", async () => {
    const sdk = await client();
    for (const [option, name] of [
      [{ seed: 1 }, "seed"],
      [{ presence_penalty: 1 }, "presence_penalty"],
      [{ response_format: { type: "json_object" as const } }, "response_format json_object"],
    ] as const) {
      const error = await sdk.chat.completions
        .create({ model: "claude", messages: [question], ...option })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as Error).message).toContain(name);
    }
    expect(upstream.current.requests).toHaveLength(0);
  });

  it("refuses n other than 1, and a tool_choice naming no tool", async () => {
    const sdk = await client();
    await expect(sdk.chat.completions.create({ model: "llama", messages: [question], n: 2 })).rejects.toThrow(/n/);
    await expect(
      sdk.chat.completions.create({
        model: "llama",
        messages: [question],
        tools,
        tool_choice: { type: "function", function: { name: "nope" } },
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it("sends image parts as image_url to OpenAI-compatible providers and as image blocks to Anthropic", async () => {
    const sdk = await client();
    const content: OpenAI.ChatCompletionContentPart[] = [
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
    ];
    await sdk.chat.completions.create({ model: "llama", messages: [{ role: "user", content }] });
    expect(upstream.current.requests.at(-1)?.messages).toEqual([{ role: "user", content }]);
    await sdk.chat.completions.create({ model: "claude", messages: [{ role: "user", content }] });
    expect(upstream.current.requests.at(-1)?.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
        ],
      },
    ]);
  });

  it("lists every configured model with its provider, capabilities and prices", async () => {
    const sdk = await client();
    const models = [];
    for await (const model of sdk.models.list()) models.push(model);
    expect(models).toEqual([
      {
        id: "llama",
        object: "model",
        created: 1_700_000_000,
        owned_by: "local-openai",
        capabilities: ["chat", "tools", "json", "vision"],
        pricing: { input: 0.001, output: 0.002 },
      },
      {
        id: "claude",
        object: "model",
        created: 1_700_000_000,
        owned_by: "local-anthropic",
        capabilities: ["chat", "tools", "reasoning", "vision"],
        pricing: { input: 0.003, output: 0.015 },
      },
    ]);
    expect(JSON.stringify(models)).not.toContain(TEST_UPSTREAM_KEY);
  });
});

describeDb("provider failures at the doors", () => {
  const chat = async (key: string) =>
    chatRoute.POST(
      new Request("http://localhost/api/v1/chat", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ model: "claude", messages: [{ role: "user", content: "Hi" }] }),
      }),
    );
  const newKey = async () => {
    const actor = await createTestActor();
    return (await createApiKey({ workspaceId: actor.workspaceId, userId: actor.userId, name: "k", expiresAt: null }))
      .key;
  };

  it("answers an overloaded provider with 503 and Retry-After, naming the saved conversation", async () => {
    upstream.current.enqueueFault({ status: 529, times: 2 });
    const res = await chat(await newKey());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "The model is busy. Try again in 5 seconds." });
    const id = res.headers.get("x-conversation-id") ?? "";
    expect(await db().message.count({ where: { conversationId: id } })).toBe(2);
  });

  it("answers a provider that refuses our key with a generic 502, the cause kept in the ledger", async () => {
    upstream.current.enqueueFault({ status: 401 });
    const res = await chat(await newKey());
    expect(res.status).toBe(502);
    const body = await res.text();
    expect(body).not.toMatch(/401|x-api-key|Simulated/);
    const id = res.headers.get("x-conversation-id") ?? "";
    const [row] = await db().usageEvent.findMany({ where: { conversationId: id } });
    expect(row).toMatchObject({ outcome: "ERROR", provider: "local-anthropic" });
    expect(row?.error).toContain("HTTP 401");
    expect(upstream.current.requests).toHaveLength(1); // no blind retries on a wrong key
  });
});
