import { describe, expect, it } from "vitest";
import { MessageParts, plainTextOf, textParts } from "./parts";

describe("message parts", () => {
  it("derive the plain content from the text parts only, in order", () => {
    const parts = MessageParts.parse([
      { type: "reasoning", text: "thinking" },
      { type: "text", text: "Hello " },
      { type: "tool-call", id: "c1", name: "f", arguments: "{}" },
      { type: "text", text: "world" },
    ]);
    expect(plainTextOf(parts)).toBe("Hello world");
    expect(textParts("")).toEqual([]);
  });

  it("refuse a file part with neither or both of fileId and url", () => {
    expect(MessageParts.safeParse([{ type: "file", mediaType: "image/png" }]).success).toBe(false);
    expect(MessageParts.safeParse([{ type: "file", mediaType: "image/png", fileId: "a", url: "b" }]).success).toBe(
      false,
    );
    expect(MessageParts.safeParse([{ type: "file", mediaType: "image/png", url: "data:x" }]).success).toBe(true);
  });
});
