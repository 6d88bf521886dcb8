import { imageSize } from "image-size";

/**
 * An image's tokens, as OpenAI bills a high-detail image: 85, plus 170 per 512-pixel tile once
 * scaled to fit 2048×2048 and then to 768 pixels on its short side. Anthropic's (pixels / 750)
 * comes out close for common sizes. Without readable dimensions (a remote URL, a cut header):
 * a 1024×1024 image's, 765.
 */
export function imageTokens(bytes: Uint8Array | null): number {
  let width = 1024;
  let height = 1024;
  try {
    const size = bytes ? imageSize(bytes) : null;
    if (size?.width && size.height) ({ width, height } = size);
  } catch {
    // Unreadable dimensions: the default above.
  }
  const fit = Math.min(1, 2048 / Math.max(width, height));
  const w = width * fit;
  const h = height * fit;
  const short = Math.min(1, 768 / Math.min(w, h));
  return 85 + 170 * Math.ceil((w * short) / 512) * Math.ceil((h * short) / 512);
}

/** Enough of an image for its dimensions: every format keeps them near the start, JPEG mostly. */
const HEADER_BASE64_CHARS = 64 * 1024;

/** The tokens of an image part as sent: a `data:` URL's dimensions are read from its first bytes. */
export function imageUrlTokens(url: string): number {
  const data = /^data:[^;,]+;base64,/.exec(url);
  if (!data) return imageTokens(null);
  const head = url.slice(data[0].length, data[0].length + HEADER_BASE64_CHARS);
  return imageTokens(Buffer.from(head.slice(0, head.length - (head.length % 4)), "base64"));
}
