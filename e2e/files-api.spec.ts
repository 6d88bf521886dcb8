import { expect, test } from "@playwright/test";
import { PNG, pdfWithText } from "../lib/testing/sample-files";
import { newScope, register, upstreamRequests } from "./helpers";

/**
 * The file routes as a browser meets them (the production build, its CSP and headers): upload,
 * read back, refusals, the chat body's fileIds reaching the provider, and 404 for anyone else.
 */
test("an uploaded image and PDF are served to their owner only, and reach the provider with a message", async ({
  page,
  browser,
}) => {
  await register(page);
  const upload = (name: string, buffer: Buffer, mimeType: string) =>
    page.request.post("/api/files", { multipart: { file: { name, mimeType, buffer } } });

  const image = await upload("dot.png", PNG, "image/png");
  expect(image.status()).toBe(201);
  const uploaded = await image.json();
  expect(uploaded).toMatchObject({ name: "dot.png", mediaType: "image/png", kind: "image" });
  const served = await page.request.get(uploaded.url);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-disposition"]).toMatch(/^inline; filename="dot.png"/);
  expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
  // The page's Content-Security-Policy lets its own images load.
  const width = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img.naturalWidth;
  }, uploaded.url);
  expect(width).toBe(2);

  const refused = await upload("photo.png", Buffer.from("PK\u0003\u0004 not an image"), "image/png");
  expect(refused.status()).toBe(415);
  expect(await refused.json()).toMatchObject({ code: "unsupported_media_type" });

  const scope = newScope();
  const pdf = await (await upload("report.pdf", pdfWithText(`Findings ${scope}`), "application/pdf")).json();
  expect(pdf).toMatchObject({ kind: "document", mediaType: "application/pdf" });
  const chat = await page.request.post("/api/chat", { data: { content: `Summarize ${scope}`, fileIds: [pdf.id] } });
  expect(chat.status()).toBe(200);
  await chat.body();
  const [sent] = await upstreamRequests(scope);
  expect(JSON.stringify(sent?.messages)).toContain(`<file name=\\"report.pdf\\">\\nFindings ${scope}\\n</file>`);

  // Another account, and no account at all: not found.
  const stranger = await browser.newPage();
  await register(stranger);
  expect((await stranger.request.get(uploaded.url)).status()).toBe(404);
  expect((await stranger.request.get(pdf.url)).status()).toBe(404);
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(new URL(uploaded.url, page.url()).toString())).status()).toBe(404);
  await anonymous.close();
});
