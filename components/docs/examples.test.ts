import { spawnSync } from "node:child_process";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parseChatApiBody } from "@/lib/api/chat-body";
import { parseCompletionRequest } from "@/lib/api/completions";
import { exampleBodies, exampleGroups } from "./examples";
import { FALLBACK_ORIGIN, requestOrigin } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("requestOrigin", () => {
  it.each([
    [{ host: "chat.example.com" }, "http://chat.example.com"],
    [{ host: "127.0.0.1:3211" }, "http://127.0.0.1:3211"],
    [
      { host: "internal:3000", "x-forwarded-host": "chat.example.com", "x-forwarded-proto": "https" },
      "https://chat.example.com",
    ],
    [
      { "x-forwarded-host": "a.example.com, b.example.com", "x-forwarded-proto": "https,http" },
      "https://a.example.com",
    ],
    [{ host: "Chat.Example.com:443", "x-forwarded-proto": "https" }, "https://chat.example.com"],
    [{ host: "localhost:80" }, "http://localhost"],
    [{ host: "[::1]:3000" }, "http://[::1]:3000"],
    [{ host: "chat.example.com", "x-forwarded-proto": "javascript" }, "http://chat.example.com"],
  ])("%o → %s", (values, origin) => {
    expect(requestOrigin(headers(values))).toBe(origin);
  });

  const bad: Record<string, string>[] = [
    {},
    { host: "evil.com/path" },
    { host: 'x"onload="alert(1)' },
    { host: "a b" },
    { host: "user@host" },
  ];
  it.each(bad)("falls back on %o", (values) => {
    expect(requestOrigin(headers(values))).toBe(FALLBACK_ORIGIN);
  });
});

describe("the docs page's examples", () => {
  const origin = "https://chat.example.org:8443";
  const groups = exampleGroups(origin, "llama-3.3-70b-versatile");
  const examples = groups.flatMap((g) => g.examples);

  it("cover curl, JavaScript (fetch and the openai SDK) and Python (requests and openai)", () => {
    expect(groups.map((g) => g.id)).toEqual(["curl", "javascript", "python"]);
    expect(examples.map((e) => e.id)).toEqual(
      expect.arrayContaining(["curl-chat", "js-fetch", "js-openai", "py-requests", "py-openai"]),
    );
  });

  it("use this server's base URL and no other host", () => {
    for (const example of examples) {
      expect(example.code, example.id).toContain(`${origin}/api/v1`);
      const urls = example.code.match(/https?:\/\/[^\s"'`]+/g) ?? [];
      for (const url of urls) expect(url.startsWith(`${origin}/api/v1`), `${example.id}: ${url}`).toBe(true);
    }
    expect(examples.find((e) => e.id === "js-openai")?.code).toContain(`baseURL: "${origin}/api/v1"`);
    expect(examples.find((e) => e.id === "py-openai")?.code).toContain(`base_url="${origin}/api/v1"`);
  });

  it("send bodies the API accepts", () => {
    const bodies = exampleBodies("llama-3.3-70b-versatile");
    expect(() => parseChatApiBody(JSON.stringify(bodies.chat))).not.toThrow();
    expect(() => parseChatApiBody(JSON.stringify(bodies.continued))).not.toThrow();
    expect(() => parseCompletionRequest(JSON.stringify(bodies.completion))).not.toThrow();
    for (const id of ["curl-chat", "curl-continue", "curl-completions"]) {
      const code = examples.find((e) => e.id === id)?.code ?? "";
      const body = /-d '([\s\S]*)'$/.exec(code)?.[1] ?? "";
      const parse = id === "curl-completions" ? parseCompletionRequest : parseChatApiBody;
      expect(() => parse(body), id).not.toThrow();
    }
  });

  it("are valid JavaScript", () => {
    for (const example of examples.filter((e) => e.language === "javascript")) {
      const out = ts.transpileModule(example.code, {
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      expect(
        out.diagnostics?.map((d) => d.messageText),
        example.id,
      ).toEqual([]);
    }
  });

  it("are valid shell", () => {
    for (const example of examples.filter((e) => e.language === "bash")) {
      const run = spawnSync("bash", ["-n"], { input: example.code, encoding: "utf8" });
      expect(run.stderr, example.id).toBe("");
      expect(run.status, example.id).toBe(0);
    }
  });

  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("are valid Python", () => {
    for (const example of examples.filter((e) => e.language === "python")) {
      const run = spawnSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], {
        input: example.code,
        encoding: "utf8",
      });
      expect(run.stderr, example.id).toBe("");
    }
  });
});
