import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { doorOf, metrics } from "./metrics";

const get = (authorization?: string) =>
  GET(new Request("http://app.test/metrics", { headers: authorization ? { authorization } : {} }));

describe("GET /metrics", () => {
  afterEach(() => {
    delete process.env.METRICS_TOKEN;
  });

  it("does not exist without METRICS_TOKEN, whatever is sent", async () => {
    expect((await get()).status).toBe(404);
    expect((await get("Bearer anything")).status).toBe(404);
  });

  it("refuses a missing or wrong token", async () => {
    process.env.METRICS_TOKEN = "s3cret-token";
    for (const header of [undefined, "Bearer wrong", "Bearer s3cret-token-longer", "Basic s3cret-token"]) {
      const response = await get(header);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("spj_");
    }
  });

  it("answers Prometheus text with the API's figures for the right token", async () => {
    process.env.METRICS_TOKEN = "s3cret-token";
    metrics().requests.inc({ door: "v1_chat", status: "200" });
    const response = await get("Bearer s3cret-token");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('spj_http_requests_total{door="v1_chat",status="200"} 1');
    for (const name of [
      "spj_http_request_duration_seconds",
      "spj_http_first_byte_seconds",
      "spj_active_streams",
      "spj_db_pool_wait_seconds",
      "spj_db_pool_waiting",
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it("labels requests by door, never by raw URL", () => {
    expect(doorOf("/api/v1/chat/completions")).toBe("v1_chat_completions");
    expect(doorOf("/api/v1/chat?x=1")).toBe("v1_chat");
    expect(doorOf("/api/chat")).toBe("chat");
    expect(doorOf("/api/conversations/123")).toBeNull();
  });
});
