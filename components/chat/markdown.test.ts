import { type DefaultTreeAdapterTypes, parseFragment } from "parse5";
import { createElement } from "react";
import { prerender } from "react-dom/static";
import { beforeAll, describe, expect, it } from "vitest";
import { demoAnswer } from "@/lib/local-upstream/answers";
import { Markdown } from "./markdown";
import { BlockSplitter } from "./markdown-blocks";

/**
 * The HTML the server sends: prerender waits for the lazily loaded renderer and its rich blocks
 * (math, code), as server rendering does. Suspense's and text separators' comment markers are left out.
 */
async function render(text: string): Promise<string> {
  const { prelude } = await prerender(createElement(Markdown, { text }));
  const html = await new Response(prelude).text();
  return html.replace(/<!--\/?\$\??-->|<!-- -->|<template[^>]*><\/template>/g, "");
}

/** Answers an attacker could get a model to write (or a user could paste and get echoed). */
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<iframe src='javascript:alert(1)'></iframe>",
  "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
  "<object data='javascript:alert(1)'></object>",
  "<embed src=javascript:alert(1)>",
  "<form action=javascript:alert(1)><button>go</button></form>",
  "<button formaction=javascript:alert(1)>go</button>",
  "<input autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>x</details>",
  "<body onload=alert(1)>",
  "<div style='background:url(javascript:alert(1))'>x</div>",
  "<a href='javascript:alert(1)'>raw link</a>",
  "<a href='&#106;avascript:alert(1)'>entity link</a>",
  "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
  "<base href='javascript:/'>",
  "<link rel=stylesheet href='https://evil.example/x.css'>",
  "<style>@import 'https://evil.example/x.css';</style>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![image](javascript:alert(1))",
  "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "[ref link][evil]\n\n[evil]: javascript:alert(1)",
  "<javascript:alert(1)>",
  '[title](https://example.com "onmouseover=alert(1)")',
  '```" onmouseover="alert(1)\ncode\n```',
  "- [ ] <img src=x onerror=alert(1)> task",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "$\\href{javascript:alert(1)}{click}$",
  "$\\url{javascript:alert(1)}$",
  "$$\\htmlData{onload=alert(1)}{x}$$",
  "$\\htmlStyle{background:url(javascript:alert(1))}{x}$",
  "$\\includegraphics{javascript:alert(1)}$",
];

const FORBIDDEN_TAGS = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "form",
  "button",
  "style",
  "link",
  "meta",
  "base",
  "body",
  "details",
  "foreignobject",
]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background"]);
const SAFE_URL = /^(https?:|mailto:|#|\/|[^:]*$)/i;

type Node = DefaultTreeAdapterTypes.ChildNode;

/** Every element of the rendered HTML with its attributes, as a browser would parse it. */
function elements(html: string): { tag: string; attrs: { name: string; value: string }[] }[] {
  const found: { tag: string; attrs: { name: string; value: string }[] }[] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if ("tagName" in node) {
        found.push({ tag: node.tagName.toLowerCase(), attrs: node.attrs });
        walk(node.childNodes);
        if (node.tagName === "template") walk((node as DefaultTreeAdapterTypes.Template).content.childNodes);
      }
    }
  };
  walk(parseFragment(html).childNodes);
  return found;
}

// The first render loads the lazily imported renderer and its rich blocks: not part of any test's time.
beforeAll(() => render("$x$\n\n```ts\nconst x = 1;\n```"), 60_000);

describe("Markdown sanitization", () => {
  it.each(PAYLOADS)("renders no executable markup for %s", async (payload) => {
    const html = await render(`Before\n\n${payload}\n\nAfter`);
    expect(html).toContain("After");
    for (const { tag, attrs } of elements(html)) {
      const ownCopyButton = tag === "button" && attrs.some((a) => a.name === "data-testid" && a.value === "copy-code");
      expect(FORBIDDEN_TAGS.has(tag) && !ownCopyButton, `<${tag}> survived`).toBe(false);
      for (const { name, value } of attrs) {
        expect(name.toLowerCase().startsWith("on"), `${name}= survived on <${tag}>`).toBe(false);
        if (URL_ATTRIBUTES.has(name.toLowerCase())) {
          expect(value.trim(), `${name}="${value}" on <${tag}>`).toMatch(SAFE_URL);
        }
        if (name === "style") expect(value).not.toMatch(/url\s*\(|expression|javascript/i);
      }
    }
  });

  it("shows raw HTML as the text it is", async () => {
    expect(await render("Use <br> for a line break")).toContain("Use &lt;br&gt; for a line break");
  });

  it("renders GFM tables, task lists, highlighted code and math", async () => {
    const html = await render(
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n```ts\nconst x = 1;\n```\n\n$E = mc^2$ and $$\\int_0^1 x\\,dx$$",
    );
    const tags = elements(html).map((e) => e.tag);
    expect(tags).toEqual(expect.arrayContaining(["table", "th", "td", "input", "pre", "code"]));
    expect(html).toContain('type="checkbox"');
    expect(html).toContain("hljs-keyword");
    expect(html).toContain('class="katex"');
    expect(html).toContain("<math");
  });
});

describe("Markdown blocks", () => {
  const answer = [
    demoAnswer([{ role: "user", content: "How do blocks work?" }]),
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "1. one\n\n2. two\n   continued\n\n3. three",
    "> quoted\nlazy line",
    "Setext heading\n---",
    "$$\nx^2\n$$",
    "```\nunclosed until the end",
  ].join("\n\n");

  it("renders block by block exactly as the whole text", async () => {
    const blocks = new BlockSplitter().split(answer);
    expect(blocks.length).toBeGreaterThan(8);
    expect(blocks.join("")).toBe(answer);
    expect(await render(answer)).toBe((await Promise.all(blocks.map(render))).join(""));
  });

  it("splits a streamed text as it splits the finished one, at every step", () => {
    const splitter = new BlockSplitter();
    for (let end = 1; end <= answer.length; end += 7) {
      const text = answer.slice(0, end);
      expect(splitter.split(text)).toEqual(new BlockSplitter().split(text));
    }
    // Reference definitions reach across blocks: such text stays whole.
    expect(splitter.split("[a][r]\n\npara\n\n[r]: https://example.com")).toHaveLength(1);
  });
});
