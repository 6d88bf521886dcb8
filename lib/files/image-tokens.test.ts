import { describe, expect, it } from "vitest";
import { promptMessages } from "@/lib/chat/history";
import { promptReservation } from "@/lib/chat/limits";
import { PNG } from "@/lib/testing/sample-files";
import { estimatePromptTokens } from "@/lib/usage/tokens";
import { imageTokens, imageUrlTokens } from "./image-tokens";

/** A PNG header claiming `width`×`height` (the dimensions are all the estimate reads). */
function pngOfSize(width: number, height: number): Buffer {
  const header = Buffer.from(PNG);
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

describe("image tokens", () => {
  it("follow OpenAI's high-detail tiles: 85 plus 170 per 512-pixel tile after scaling", () => {
    expect(imageTokens(pngOfSize(512, 512))).toBe(85 + 170);
    expect(imageTokens(pngOfSize(1024, 1024))).toBe(85 + 170 * 4); // scaled to 768: 2×2 tiles
    expect(imageTokens(pngOfSize(2048, 4096))).toBe(85 + 170 * 6); // 1024×2048 → 768×1536: 2×3
    expect(imageTokens(null)).toBe(765); // unknown size: a 1024×1024 image's
  });

  it("are read from a data: URL's first bytes; a remote URL counts as unknown", () => {
    expect(imageUrlTokens(`data:image/png;base64,${pngOfSize(512, 512).toString("base64")}`)).toBe(255);
    expect(imageUrlTokens("https://example.com/cat.png")).toBe(765);
  });

  it("count in the prompt, its estimate and the quota reservation", () => {
    const url = `data:image/png;base64,${pngOfSize(512, 512).toString("base64")}`;
    const [message] = promptMessages([
      {
        role: "user",
        parts: [
          { type: "file", mediaType: "image/png", url },
          { type: "text", text: "What?" },
        ],
      },
    ]);
    expect(message).toEqual({ role: "user", content: "What?", imageTokens: 255 });
    const textOnly = { role: "user", content: "What?" };
    expect(estimatePromptTokens([message ?? textOnly]) - estimatePromptTokens([textOnly])).toBe(255);
    expect(promptReservation([message ?? textOnly]) - promptReservation([textOnly])).toBe(255);
  });
});
