import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
// @ts-expect-error: next.config.mjs is plain JavaScript, which this project does not type-check.
import nextConfig from "@/next.config.mjs";
import { nextHeaderRules, staticHeadersFor } from "./static-headers.mjs";

const keys = (headers: { key: string }[]) => headers.map((h) => h.key);
const EVERY = ["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"];

describe("static headers", () => {
  it("are next.config.mjs's headers()", async () => {
    expect(await (nextConfig as NextConfig).headers?.()).toEqual(nextHeaderRules());
  });

  it("give the API its CSP, and HSTS only behind exactly `x-forwarded-proto: https`, as Next matches them", () => {
    expect(keys(staticHeadersFor("/api/v1/chat", undefined))).toEqual([...EVERY, "Content-Security-Policy"]);
    expect(keys(staticHeadersFor("/api/v1/chat", "https"))).toEqual([
      ...EVERY,
      "Strict-Transport-Security",
      "Content-Security-Policy",
    ]);
    expect(keys(staticHeadersFor("/api/v1/chat", "http"))).toEqual([...EVERY, "Content-Security-Policy"]);
    expect(keys(staticHeadersFor("/api/v1/chat", "https, http"))).toEqual([...EVERY, "Content-Security-Policy"]);
    expect(keys(staticHeadersFor("/api", undefined))).toContain("Content-Security-Policy");
    expect(keys(staticHeadersFor("/apis", undefined))).toEqual(EVERY);
    expect(keys(staticHeadersFor("/", undefined))).toEqual(EVERY);
  });
});
