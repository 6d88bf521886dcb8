import clsx from "clsx";
import { ArrowUpRight, KeyRound } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { openApiDocument } from "@/lib/api/openapi";
import { CHAT_ERRORS, OPENAI_ERRORS } from "@/lib/api/openapi-errors";
import { OPENAPI_PATH } from "@/lib/api/openapi-paths";
import {
  type HeaderObject,
  type JsonSchema,
  type OpenApiDocument,
  type ResponseObject,
  resolveRef,
} from "@/lib/api/openapi-types";
import { PLANS, type Plan } from "@/lib/usage/plans";
import type { Price } from "@/lib/usage/pricing";
import { BaseUrl } from "./base-url";
import { Code, CodeTabs } from "./code-tabs";
import { DocsHeader } from "./docs-header";
import { exampleBodies, exampleGroups, prettyJson } from "./examples";
import { Prose } from "./prose";

export const API_KEYS_PATH = "/settings/api-keys";

interface ApiDocsProps {
  /** The origin this request reached the server at, e.g. https://chat.example.com. */
  origin: string;
  defaultModel: string;
  models: { id: string; price: Price | null }[];
  /** The plan of the reader's workspace, highlighted in the limits table. */
  planId: string | null;
}

const SECTIONS = [
  { id: "authentication", label: "Authentication" },
  { id: "endpoints", label: "Endpoints" },
  { id: "errors", label: "Errors" },
  { id: "limits", label: "Rate limits & quotas" },
  { id: "examples", label: "Examples" },
] as const;

/** The human-readable API reference; its tables come from the OpenAPI document and the plan data. */
export function ApiDocs({ origin, defaultModel, models, planId }: ApiDocsProps) {
  const doc = openApiDocument({ defaultModel, models: models.map((m) => m.id) });
  const base = `${origin}/api/v1`;
  const schemas = doc.components.schemas;
  const chatHeaders = responseOf(doc, "/api/v1/chat", "post", 200).headers ?? {};

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <DocsHeader specUrl={OPENAPI_PATH} />
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto">
        <article data-testid="api-docs" className="mx-auto w-full max-w-3xl px-4 pt-8 pb-24 sm:px-6">
          <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">Developers</p>
          <h1 className="mt-1 text-[1.75rem] font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">
            SPJ Chat API
          </h1>
          <p className="mt-3 text-[0.9375rem] leading-relaxed text-zinc-600 dark:text-zinc-300">
            Use this server's models from your own programs. Send a conversation and get the answer back as a stream of
            text — through the same pipeline as this chat, so conversations are saved to your account and usage counts
            toward your workspace's quota. An OpenAI-compatible endpoint lets the official <C>openai</C> SDKs work
            unchanged.
          </p>

          <div className="mt-6 space-y-3">
            <BaseUrl url={base} />
            <div className="flex flex-wrap gap-2 text-sm">
              <Link
                href={API_KEYS_PATH}
                data-testid="api-keys-settings-link"
                className="inline-flex h-9 items-center gap-2 rounded-lg bg-zinc-900 px-3 font-medium text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
              >
                <KeyRound className="size-4" aria-hidden="true" />
                Create an API key
              </Link>
              <a
                href={OPENAPI_PATH}
                className="inline-flex h-9 items-center gap-1.5 rounded-lg border border-zinc-200 px-3 font-medium text-zinc-700 transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-900"
              >
                OpenAPI 3.1 document
                <ArrowUpRight className="size-3.5 text-zinc-400" aria-hidden="true" />
              </a>
            </div>
          </div>

          <nav aria-label="On this page" className="mt-8 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {SECTIONS.map((s) => (
              <a
                key={s.id}
                href={`#${s.id}`}
                className="text-zinc-500 underline-offset-4 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-zinc-100"
              >
                {s.label}
              </a>
            ))}
          </nav>

          <Section id="authentication" title="Authentication">
            <P>
              Every request carries an API key as a Bearer token. Keys start with <C>spj_ai_</C>; create and revoke them
              in{" "}
              <Link href={API_KEYS_PATH} className={LINK}>
                Settings → API keys
              </Link>
              . A key acts as you in its workspace, is shown only once, and stops working the moment it is revoked or
              expires.
            </P>
            <Code language="http" code={`Authorization: Bearer spj_ai_your_api_key_here`} />
            <P>
              Keep keys on your server: never put one in browser code or a repository. A missing or wrong key gets{" "}
              <C>401 {`{"error": "Invalid API key"}`}</C>.
            </P>
          </Section>

          <Section id="endpoints" title="Endpoints">
            <Endpoint method="POST" path="/api/v1/chat" summary="Send a conversation, stream the answer as plain text.">
              <P>
                The answer streams back as plain text chunks (the response says <C>Content-Type: text/event-stream</C>,
                but there is no <C>data:</C> framing): concatenate them for the whole answer. The exchange is saved as a
                conversation in your account; send its id back as <C>conversation_id</C> with just the new messages to
                continue it. If the model fails after the first chunk, the connection is cut rather than ended, so a
                partial answer is never mistaken for a whole one.
              </P>
              <SubHeading>Request body</SubHeading>
              <FieldTable doc={doc} schema={schemas.ChatRequest} />
              <SubHeading>Message object</SubHeading>
              <FieldTable doc={doc} schema={schemas.ChatMessage} />
              <SubHeading>Response headers</SubHeading>
              <HeaderTable doc={doc} headers={chatHeaders} />
              <SubHeading>Example body</SubHeading>
              <Code language="json" code={prettyJson(exampleBodies(defaultModel).chat)} />
            </Endpoint>

            <Endpoint
              method="POST"
              path="/api/v1/chat/completions"
              summary="OpenAI-compatible chat completions, streamed or not."
            >
              <P>
                OpenAI's request and response shapes, so the official SDKs and tools built for them work with{" "}
                <C>baseURL</C> set to <C>{base}</C>. Without <C>stream</C> the answer is one <C>chat.completion</C>{" "}
                object with <C>usage</C>, plus <C>provider</C>, <C>latency</C> (ms) and <C>cost</C> ($). With{" "}
                <C>stream: true</C> it is a stream of <C>chat.completion.chunk</C> events ending in <C>data: [DONE]</C>.
                Tools, tool choice, response format and sampling options are passed to the model's provider (one it
                cannot honour is refused with a 400 naming it); errors come in OpenAI's shape.
              </P>
              <SubHeading>Request body</SubHeading>
              <FieldTable doc={doc} schema={schemas.ChatCompletionRequest} />
            </Endpoint>

            <Endpoint method="GET" path="/api/v1/models" summary="The models you may use, with prices per 1K tokens.">
              <P>The models on this server:</P>
              <ModelTable models={models} defaultModel={defaultModel} />
            </Endpoint>

            <Endpoint method="GET" path={OPENAPI_PATH} summary="This API as an OpenAPI 3.1 document. No key needed.">
              <P>
                Import it into Postman, Insomnia or an API client generator. It describes exactly what this server
                implements.
              </P>
            </Endpoint>
          </Section>

          <Section id="errors" title="Errors">
            <P>
              <C>/api/v1/chat</C> answers errors as <C>{`{"error": "…"}`}</C> with these messages:
            </P>
            <Table head={["Status", "Body", "When"]}>
              {CHAT_ERRORS.map((e) => (
                <tr key={e.message} data-testid="error-row">
                  <Td>
                    <StatusBadge status={e.status} />
                  </Td>
                  <Td mono>{`{"error": ${JSON.stringify(e.message)}}`}</Td>
                  <Td>
                    <Prose text={e.when} />
                  </Td>
                </tr>
              ))}
            </Table>
            <P>
              The OpenAI-compatible endpoints use the same statuses with OpenAI's error shape,{" "}
              <C>{`{"error": {"message", "type", "param", "code"}}`}</C>, so the SDKs raise their usual exceptions:
            </P>
            <Table head={["Status", "type", "code"]}>
              {OPENAI_ERRORS.filter((e, i, all) => all.findIndex((o) => o.code === e.code) === i).map((e) => (
                <tr key={e.code}>
                  <Td>
                    <StatusBadge status={e.status} />
                  </Td>
                  <Td mono>{e.type}</Td>
                  <Td mono>{e.code}</Td>
                </tr>
              ))}
            </Table>
          </Section>

          <Section id="limits" title="Rate limits & quotas">
            <P>
              Each request counts against per-minute limits — requests and tokens, for the key and for the whole
              workspace — and against the workspace's monthly token quota (prompt and answer tokens, reset on the 1st,
              UTC). Answers carry <C>X-RateLimit-Limit</C>, <C>X-RateLimit-Remaining</C> and <C>X-RateLimit-Reset</C>; a
              429 adds <C>Retry-After</C> (seconds). A used-up quota answers 403 <C>Token limit exceeded</C>.
            </P>
            <PlanTable current={planId} />
            <P>
              Messages a request sends are checked against the plan strictly (400, naming the limit); the saved history
              of a continued conversation is trimmed, oldest first, to fit. An administrator may set a different monthly
              quota for a workspace or a member.
            </P>
          </Section>

          <Section id="examples" title="Examples">
            <P>
              Ready to paste: they use this server's address. Put your key in the <C>SPJ_API_KEY</C> environment
              variable first.
            </P>
            <div className="mt-4">
              <CodeTabs groups={exampleGroups(origin, defaultModel)} />
            </div>
          </Section>
        </article>
      </div>
    </div>
  );
}

// ---------- Building blocks ----------

const LINK =
  "font-medium text-blue-600 underline decoration-blue-600/30 underline-offset-2 hover:decoration-current dark:text-blue-400";

function responseOf(doc: OpenApiDocument, path: string, method: "get" | "post", status: number): ResponseObject {
  const response = doc.paths[path]?.[method]?.responses[String(status)];
  return response ? resolveRef<ResponseObject>(doc, response) : { description: "" };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="mt-12 scroll-mt-4">
      <h2
        id={`${id}-title`}
        className="border-b border-zinc-200 pb-2 text-xl font-semibold tracking-tight text-zinc-900 dark:border-zinc-800 dark:text-zinc-100"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}

function C({ children }: { children: ReactNode }) {
  return <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800">{children}</code>;
}

function P({ children }: { children: ReactNode }) {
  return <p className="mt-4 text-[0.9375rem] leading-relaxed text-zinc-700 dark:text-zinc-300">{children}</p>;
}

function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="mt-6 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{children}</h4>;
}

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-950/50 dark:text-sky-300 dark:ring-sky-900",
  POST: "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-900",
};

function Endpoint({
  method,
  path,
  summary,
  children,
}: {
  method: "GET" | "POST";
  path: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <div data-testid="api-endpoint" className="mt-8 first-of-type:mt-6">
      <h3 className="flex flex-wrap items-center gap-2.5">
        <span
          className={clsx(
            "rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset",
            METHOD_STYLE[method],
          )}
        >
          {method}
        </span>
        <code className="font-mono text-[0.9375rem] font-semibold text-zinc-900 dark:text-zinc-100">{path}</code>
      </h3>
      <p className="mt-1.5 text-sm text-zinc-500 dark:text-zinc-400">{summary}</p>
      {children}
    </div>
  );
}

function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <div className="scroll-thin mt-4 overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse text-left text-sm">
        <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

function Td({ children, mono = false, className }: { children: ReactNode; mono?: boolean; className?: string }) {
  return (
    <td
      className={clsx(
        "px-3 py-2 align-top text-zinc-700 dark:text-zinc-300",
        mono && "font-mono text-[12.5px] break-words",
        className,
      )}
    >
      {children}
    </td>
  );
}

function StatusBadge({ status }: { status: number }) {
  return (
    <span
      className={clsx(
        "inline-block rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold",
        status >= 500
          ? "bg-red-50 text-red-700 dark:bg-red-950/50 dark:text-red-300"
          : status === 429
            ? "bg-amber-50 text-amber-700 dark:bg-amber-950/50 dark:text-amber-300"
            : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
      )}
    >
      {status}
    </span>
  );
}

function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

function typeLabel(schema: JsonSchema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map(typeLabel).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return `${schema.items ? typeLabel(schema.items) : "any"}[]`;
  return (Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"]).join(" | ");
}

function constraints(field: JsonSchema): string[] {
  // A nullable field is generated as `anyOf: [its schema, { type: "null" }]`, described outside.
  const schema = { ...field.anyOf?.find((branch) => branch.type !== "null"), ...field };
  const out: string[] = [];
  const { minimum: min, maximum: max, minLength, maxLength } = schema;
  const realMax = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  if (min !== undefined && realMax !== undefined) out.push(`${min}–${realMax}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  if (maxLength !== undefined) out.push(`at most ${maxLength} characters`);
  else if (minLength) out.push("not empty");
  if (schema.minItems) out.push(`at least ${schema.minItems}`);
  if (schema.default !== undefined) out.push(`default \`${JSON.stringify(schema.default)}\``);
  return out;
}

function FieldTable({ doc, schema }: { doc: OpenApiDocument; schema: JsonSchema | undefined }) {
  const resolved = schema ? resolveRef<JsonSchema>(doc, schema) : {};
  const required = new Set(resolved.required ?? []);
  return (
    <Table head={["Field", "Type", "Description"]}>
      {Object.entries(resolved.properties ?? {}).map(([name, field]) => (
        <tr key={name} data-testid="field-row">
          <Td className="whitespace-nowrap">
            <code className="font-mono text-[12.5px] font-semibold text-zinc-900 dark:text-zinc-100">{name}</code>
            {required.has(name) && (
              <span className="ml-1.5 text-[11px] font-medium text-red-600 dark:text-red-400">required</span>
            )}
          </Td>
          <Td mono className="text-zinc-500 dark:text-zinc-400">
            {typeLabel(field)}
          </Td>
          <Td>
            <Prose text={field.description ?? ""} />
            {constraints(field).length > 0 && (
              <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
                <Prose text={constraints(field).join(" · ")} />
              </span>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

function HeaderTable({ doc, headers }: { doc: OpenApiDocument; headers: NonNullable<ResponseObject["headers"]> }) {
  return (
    <Table head={["Header", "Meaning"]}>
      {Object.entries(headers).map(([name, header]) => (
        <tr key={name}>
          <Td mono className="whitespace-nowrap">
            {name}
          </Td>
          <Td>
            <Prose text={resolveRef<HeaderObject>(doc, header).description ?? ""} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}

const fmt = new Intl.NumberFormat("en-US");
const money = (n: number) => `$${n.toLocaleString("en-US", { maximumSignificantDigits: 6 })}`;

function ModelTable({ models, defaultModel }: { models: ApiDocsProps["models"]; defaultModel: string }) {
  return (
    <Table head={["Model", "Input / 1K tokens", "Output / 1K tokens"]}>
      {models.map((m) => (
        <tr key={m.id} data-testid="model-row">
          <Td mono>
            {m.id}
            {m.id === defaultModel && <span className="ml-2 font-sans text-xs text-zinc-500">default</span>}
          </Td>
          <Td mono>{m.price ? money(m.price.input) : "not priced"}</Td>
          <Td mono>{m.price ? money(m.price.output) : "not priced"}</Td>
        </tr>
      ))}
    </Table>
  );
}

const PLAN_ROWS: { label: string; value: (p: Plan) => number }[] = [
  { label: "Tokens per month", value: (p) => p.monthlyTokens },
  { label: "max_tokens per answer", value: (p) => p.maxTokens },
  { label: "Messages per request", value: (p) => p.maxMessages },
  { label: "Characters per message", value: (p) => p.maxMessageChars },
  { label: "Characters per prompt", value: (p) => p.maxPromptChars },
  { label: "Requests per minute", value: (p) => p.requestsPerMinute },
  { label: "Tokens per minute", value: (p) => p.tokensPerMinute },
];

/** One column per plan (from PLANS, so it never drifts), the reader's own marked. */
function PlanTable({ current }: { current: string | null }) {
  const plans: Plan[] = Object.values(PLANS);
  const mine = (plan: Plan) => plan.id === current;
  return (
    <div className="scroll-thin mt-4 overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse text-sm">
        <thead className="bg-zinc-50 text-xs dark:bg-zinc-900">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium text-zinc-500 dark:text-zinc-400">
              Limit
            </th>
            {plans.map((plan) => (
              <th
                key={plan.id}
                scope="col"
                data-testid="plan-row"
                data-plan={plan.id}
                data-current={mine(plan) || undefined}
                className={clsx(
                  "px-3 py-2 text-right font-semibold whitespace-nowrap text-zinc-900 dark:text-zinc-100",
                  mine(plan) && "bg-zinc-100 dark:bg-zinc-800",
                )}
              >
                {plan.name}
                {mine(plan) && (
                  <span className="ml-1.5 rounded-full bg-zinc-900 px-1.5 py-0.5 text-[10px] font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900">
                    Yours
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {PLAN_ROWS.map((row) => (
            <tr key={row.label}>
              <th
                scope="row"
                className="px-3 py-2 text-left font-normal whitespace-nowrap text-zinc-600 dark:text-zinc-400"
              >
                {row.label}
              </th>
              {plans.map((plan) => (
                <td
                  key={plan.id}
                  className={clsx(
                    "px-3 py-2 text-right text-zinc-800 tabular-nums dark:text-zinc-200",
                    mine(plan) && "bg-zinc-50 font-medium dark:bg-zinc-900",
                  )}
                >
                  {fmt.format(row.value(plan))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
