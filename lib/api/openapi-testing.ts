import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { expect } from "vitest";
import { openApiDocument } from "./openapi";
import {
  type HeaderObject,
  type JsonSchema,
  type OpenApiDocument,
  type OperationObject,
  type ResponseObject,
  resolveRef,
} from "./openapi-types";

/**
 * What the OpenAPI tests share (lib/api/openapi.test.ts checks the document on its own,
 * lib/api/openapi.db.test.ts the real route handlers against it): the document, its operations
 * and responses, validation of values against its schemas, and request builders.
 */

export const doc: OpenApiDocument = openApiDocument();

export type Method = "get" | "post";

export function operation(pathName: string, method: Method): OperationObject {
  const op = doc.paths[pathName]?.[method];
  if (!op) throw new Error(`${method} ${pathName} is not documented`);
  return op;
}

function documented(pathName: string, method: Method, status: number): ResponseObject {
  const response = operation(pathName, method).responses[String(status)];
  if (!response) throw new Error(`${method} ${pathName} does not document ${status}`);
  return resolveRef<ResponseObject>(doc, response);
}

// ---------- Schemas ----------

/** JSON Schema 2020-12 validation of values against the document's schemas (refs into one registered $defs). */
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const DEFS = "urn:spj:openapi#/$defs/";
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" ? v.replace("#/components/schemas/", DEFS) : rewriteRefs(v),
    ]),
  );
}
ajv.addSchema({ $id: "urn:spj:openapi", $defs: rewriteRefs(doc.components.schemas) as Record<string, unknown> });
const compiled = new Map<string, ValidateFunction>();

export function validator(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let found = compiled.get(key);
  if (!found) {
    found = ajv.compile(rewriteRefs(schema) as object);
    compiled.set(key, found);
  }
  return found;
}

export function matches(schema: JsonSchema, value: unknown): boolean {
  const validate = validator(schema);
  const ok = validate(value);
  if (!ok) console.info(JSON.stringify(validate.errors));
  return ok;
}

export const schemaOf = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

// ---------- Requests ----------

export const user = (content: unknown) => ({ role: "user", content });
export const one = (extra: Record<string, unknown> = {}) => ({ messages: [user("Hello")], ...extra });
export const hello = { messages: [user("Say hello")] };

/** A POST with a JSON body (a string is sent as it is, for bodies that are not JSON). */
export function post(url: string, body: unknown, key: string | null): Request {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const get = (url: string, key: string | null, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, {
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });

// ---------- Responses ----------

/** Every header a response carries (but Content-Type) is documented; every required one is there, well-formed. */
export function expectDocumentedHeaders(res: Response, spec: ResponseObject, mode: "stream" | "json" = "json") {
  const documentedHeaders = Object.fromEntries(
    Object.entries(spec.headers ?? {}).map(([name, h]) => [name.toLowerCase(), resolveRef<HeaderObject>(doc, h)]),
  );
  for (const [name] of res.headers) {
    if (name === "content-type") continue;
    expect(documentedHeaders, `header ${name} is undocumented`).toHaveProperty([name]);
  }
  for (const [name, header] of Object.entries(documentedHeaders)) {
    const value = res.headers.get(name);
    const streamingOnly = header.description?.includes("streaming responses only") ?? false;
    if (header.required || (streamingOnly && mode === "stream")) expect(value, `header ${name}`).not.toBeNull();
    if (streamingOnly && mode === "json") expect(value, `header ${name} on a JSON response`).toBeNull();
    if (value === null) continue;
    const numeric = header.schema.type === "integer" || header.schema.type === "number";
    expect(matches(header.schema, numeric ? Number(value) : value), `header ${name}: ${value}`).toBe(true);
  }
}

/** The response is the operation's documented 200, in `mediaType`, with documented headers; returns its spec. */
export function expectDocumentedSuccess(
  res: Response,
  [pathName, method]: [pathName: string, method: Method],
  mediaType: string,
  mode: "stream" | "json" = "json",
): ResponseObject {
  expect(res.status).toBe(200);
  const spec = documented(pathName, method, 200);
  expect(Object.keys(spec.content ?? {})).toContain(mediaType);
  expect(res.headers.get("content-type")?.split(";")[0]).toBe(mediaType);
  expectDocumentedHeaders(res, spec, mode);
  return spec;
}
