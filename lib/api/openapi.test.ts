import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX } from "@/lib/auth/api-keys";
import { AppError, type ErrorCode } from "@/lib/errors";
import { OpenAIErrorResponse, openAiError } from "./errors";
import { doc, matches, schemaOf, validator } from "./openapi-testing";
import { type ResponseObject, resolveRef } from "./openapi-types";

/**
 * The OpenAPI document on its own and against the implementation's files: its validity, the
 * route files, and the error shape. No database (this is the unit project); the responses
 * and errors of the real route handlers are checked in openapi.db.test.ts, against real databases.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

// ---------- The document itself ----------

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validatorResult = await new Validator().validate(JSON.parse(JSON.stringify(doc)));
    expect(validatorResult.errors).toBeUndefined();
    expect(validatorResult.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
  });

  it("has schemas JSON Schema 2020-12 accepts in strict mode, and examples that match them", () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => validator(schemaOf(name))).not.toThrow();
    for (const [pathName, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const media = [
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses).flatMap((r) =>
            Object.values(resolveRef<ResponseObject>(doc, r).content ?? {}),
          ),
        ];
        for (const m of media) {
          for (const [name, example] of Object.entries(m.examples ?? {})) {
            expect(matches(m.schema, example.value), `${method} ${pathName} example ${name}`).toBe(true);
          }
        }
      }
    }
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(() => resolveRef(doc, JSON.parse(`{${r}}`))).not.toThrow();
  });

  it("names the key prefix the server checks", () => {
    expect(doc.components.securitySchemes.bearerAuth?.bearerFormat).toBe(`${API_KEY_PREFIX}…`);
  });
});

// ---------- Routes on disk ----------

const NEXT_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"] as const;

/** Every `route.ts` under app/, with the URL path Next serves it at. */
function routeFiles(): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const segments = path
          .relative(path.join(ROOT, "app"), dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
          .map((s) => s.replace(/^\[(?:\.\.\.)?\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}"));
        out.push({ file: full, url: `/${segments.join("/")}` });
      }
    }
  };
  walk(path.join(ROOT, "app"));
  return out;
}

async function exportedMethods(file: string): Promise<string[]> {
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  return NEXT_METHODS.filter((m) => typeof mod[m] === "function");
}

describe("the document and the route files", () => {
  const routes = routeFiles();

  it("finds the route files", () => {
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/api/v1/chat", "/api/v1/openapi.json"]));
  });

  it("documents only paths and methods that a route file exports", async () => {
    for (const [pathName, item] of Object.entries(doc.paths)) {
      const route = routes.find((r) => r.url === pathName);
      expect(route, `no route file serves ${pathName}`).toBeDefined();
      const methods = await exportedMethods(route?.file ?? "");
      for (const method of Object.keys(item)) expect(methods, `${pathName}`).toContain(method.toUpperCase());
    }
  });

  it("documents every route under app/api/v1, with every method it exports", async () => {
    const publicRoutes = routes.filter((r) => r.url.startsWith("/api/v1/"));
    expect(publicRoutes.length).toBeGreaterThanOrEqual(4);
    for (const route of publicRoutes) {
      const item = doc.paths[route.url];
      expect(item, `${path.relative(ROOT, route.file)} (${route.url}) is not documented`).toBeDefined();
      const documentedMethods = Object.keys(item ?? {}).map((m) => m.toUpperCase());
      expect((await exportedMethods(route.file)).sort(), route.url).toEqual(documentedMethods.sort());
    }
  });

  it("asks for a key exactly where the route authenticates", () => {
    for (const [pathName, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        const open = pathName === "/api/v1/openapi.json";
        expect(op.security, pathName).toEqual(open ? [] : [{ bearerAuth: [] }]);
        if (!open) expect(Object.keys(op.responses), pathName).toContain("401");
      }
    }
  });
});

describe("the OpenAI error shape", () => {
  it("covers every error code the server has", async () => {
    const codes = {
      invalid_request: true,
      unauthenticated: true,
      forbidden: true,
      not_found: true,
      conflict: true,
      payload_too_large: true,
      unsupported_media_type: true,
      request_timeout: true,
      quota_exceeded: true,
      rate_limited: true,
      upstream_failed: true,
      upstream_overloaded: true,
      upstream_misconfigured: true,
      unavailable: true,
      internal: true,
    } satisfies Record<ErrorCode, true>;
    for (const code of Object.keys(codes) as ErrorCode[]) {
      const json: unknown = JSON.parse(openAiError(new AppError(code, "x")).body as string);
      expect(matches(schemaOf("OpenAIErrorResponse"), json), code).toBe(true);
      expect(OpenAIErrorResponse.safeParse(json).error, code).toBeUndefined();
    }
  });
});
