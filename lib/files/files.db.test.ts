import { randomBytes } from "node:crypto";
import { readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, it, vi } from "vitest";
import { resolveSessionActor } from "@/lib/auth/session-actor";
import { startChat } from "@/lib/chat/pipeline";
import { db } from "@/lib/db/client";
import { listMessages } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";
import { forkConversation } from "@/lib/sharing/fork";
import { publishSnapshot, revokePublicLink } from "@/lib/sharing/public-links";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { createTeam } from "@/lib/teams/workspaces";
import { sendWithFiles } from "@/lib/testing/files";
import { createTestActor, describeDb, TEST_UPSTREAM_KEY, withLocalUpstream } from "@/lib/testing/fixtures";
import { PNG, pdfWithText } from "@/lib/testing/sample-files";
import { joinTeam } from "@/lib/testing/team-scene";
import { readableFile, snapshotFile } from "./access";
import { newUserMessages } from "./attach";
import { collectFiles, UPLOAD_GRACE_MS } from "./gc";
import { readUpload } from "./multipart";
import { uploadFile } from "./upload";

const upstream = withLocalUpstream({ models: ["llama-3.3-70b-versatile", "claude-offline-demo"] });

// Two models that see (one per wire format) and one that does not.
beforeAll(() => {
  const file = path.join(tmpdir(), `spj-providers-${randomBytes(6).toString("hex")}.yaml`);
  writeFileSync(
    file,
    `providers:
  - { id: local-openai, type: openai-compatible, baseUrl: "${upstream.current.baseUrl}", apiKeyEnv: LOCAL_KEY }
  - { id: local-anthropic, type: anthropic, baseUrl: "${upstream.current.baseUrl}", apiKeyEnv: LOCAL_KEY }
models:
  - { id: seeing, provider: local-openai, upstreamModel: llama-3.3-70b-versatile, capabilities: [vision] }
  - { id: seeing-claude, provider: local-anthropic, upstreamModel: claude-offline-demo, capabilities: [vision] }
  - { id: blind, label: Blind Model, provider: local-openai, upstreamModel: llama-3.3-70b-versatile }
`,
  );
  vi.stubEnv("SPJ_PROVIDERS_FILE", file);
  vi.stubEnv("LOCAL_KEY", TEST_UPSTREAM_KEY);
});

const storedObjects = () =>
  readdirSync(process.env.FILES_DIR as string, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

function multipart(name: string, bytes: Uint8Array): Request {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name));
  return new Request("http://test/api/files", { method: "POST", body: form });
}

describeDb("uploads", () => {
  it("stores an image by its content and reads it back for its uploader only", async () => {
    const owner = await createTestActor();
    const uploaded = await uploadFile(owner, { name: "dot.png", bytes: PNG });
    expect(uploaded).toMatchObject({ name: "dot.png", mediaType: "image/png", kind: "image", size: PNG.length });
    expect(uploaded.url).toBe(`/api/files/${uploaded.id}`);
    expect(uploaded.tokens).toBe(85 + 170); // one tile
    const { bytes, file } = await readableFile(owner, uploaded.id);
    expect(Buffer.from(bytes).equals(PNG)).toBe(true);
    expect(file.mediaType).toBe("image/png");
    const stranger = await createTestActor();
    expect((await refusal(readableFile(stranger, uploaded.id))).code).toBe("not_found");
  });

  it("stores the same bytes once, however many upload them", async () => {
    const [a, b] = [await createTestActor(), await createTestActor()];
    const bytes = pdfWithText(`Same ${randomBytes(4).toString("hex")}`);
    const first = await uploadFile(a, { name: "one.pdf", bytes });
    const second = await uploadFile(b, { name: "two.pdf", bytes });
    expect(first.id).not.toBe(second.id);
    const rows = await db().file.findMany({ where: { id: { in: [first.id, second.id] } } });
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(1);
    expect(await db().blob.count({ where: { sha256: rows[0]?.sha256 } })).toBe(1);
    expect(storedObjects().filter((e) => e.name === rows[0]?.sha256)).toHaveLength(1);
  });

  it("extracts a document's text and counts its tokens; the type comes from the bytes, not the name", async () => {
    const owner = await createTestActor();
    const pdf = await uploadFile(owner, { name: "report.txt", bytes: pdfWithText("Quarterly revenue grew") });
    expect(pdf).toMatchObject({ mediaType: "application/pdf", kind: "document" });
    expect((await db().file.findUnique({ where: { id: pdf.id } }))?.text).toBe("Quarterly revenue grew");
    const csv = await uploadFile(owner, { name: "data.csv", bytes: Buffer.from("a,b\n1,2\n") });
    expect(csv).toMatchObject({ mediaType: "text/csv", kind: "document" });
    expect(csv.tokens).toBeGreaterThan(5);
    const code = await uploadFile(owner, { name: "main.py", bytes: Buffer.from("print('hi')\n") });
    expect(code).toMatchObject({ mediaType: "text/plain", kind: "document" });
  });

  it("refuses a type that may not be attached (415), an empty file, and stores nothing", async () => {
    const owner = await createTestActor();
    const before = storedObjects().length;
    const blobs = await db().blob.count();
    // A zip named like an image: its bytes say what it is.
    const zip = Buffer.from("504b0304140000000800000000000000000000000000000000000000", "hex");
    const refused = await refusal(uploadFile(owner, { name: "photo.png", bytes: zip }));
    expect(refused.code).toBe("unsupported_media_type");
    expect(refused.details.code).toBe("unsupported_media_type");
    expect(refused.message).toMatch(/"photo.png" is application\/zip, which cannot be attached/);
    const binary = await refusal(uploadFile(owner, { name: "blob.bin", bytes: Buffer.from([0, 1, 2, 255]) }));
    expect(binary.code).toBe("unsupported_media_type");
    expect((await refusal(uploadFile(owner, { name: "e.txt", bytes: new Uint8Array() }))).code).toBe("invalid_request");
    expect(await db().file.count({ where: { ownerId: owner.userId } })).toBe(0);
    expect(await db().blob.count()).toBe(blobs);
    expect(storedObjects()).toHaveLength(before);
  });

  it("refuses an upload over the size limit with its message, while it arrives, and leaves nothing behind", async () => {
    const owner = await createTestActor();
    vi.stubEnv("FILES_MAX_FILE_BYTES", "100000");
    try {
      const before = storedObjects().length;
      const blobs = await db().blob.count();
      const big = Buffer.alloc(200_000, "a");
      const refused = await refusal(readUpload(multipart("big.txt", big)));
      expect(refused.code).toBe("payload_too_large");
      expect(refused.details.code).toBe("file_too_large");
      expect(refused.message).toBe("The file is larger than 0.1 MB, the limit per file.");
      // Past the body limit but within its framing allowance, the file itself is still refused.
      const edge = await refusal(uploadFile(owner, { name: "edge.txt", bytes: Buffer.alloc(100_001, "a") }));
      expect(edge.message).toBe('"edge.txt" is larger than 0.1 MB, the limit per file.');
      expect(await db().file.count({ where: { ownerId: owner.userId } })).toBe(0);
      expect(await db().blob.count()).toBe(blobs);
      expect(storedObjects()).toHaveLength(before);
    } finally {
      vi.stubEnv("FILES_MAX_FILE_BYTES", undefined);
    }
  });

  it("reads a multipart upload within the limit", async () => {
    const upload = await readUpload(multipart("dot.png", PNG));
    expect(upload.name).toBe("dot.png");
    expect(Buffer.from(upload.bytes).equals(PNG)).toBe(true);
  });
});

describeDb("files in a conversation", () => {
  it("sends an image as image_url and a document as named text (OpenAI format), and saves them as parts", async () => {
    const owner = await createTestActor();
    const image = await uploadFile(owner, { name: "dot.png", bytes: PNG });
    const doc = await uploadFile(owner, { name: "report.pdf", bytes: pdfWithText("Revenue grew nine percent") });
    const run = await startChat({
      actor: owner,
      model: "seeing",
      messages: await newUserMessages(owner, "What do these say?", [image.id, doc.id]),
    });
    // The provider bills the image (a 2×1 PNG: one tile) on top of the text.
    expect((await run.finished).promptTokens).toBeGreaterThan(85 + 170);
    const sent = upstream.current.requests.at(-1)?.body.messages as { role: string; content: unknown }[];
    expect(sent.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG.toString("base64")}` } },
        { type: "text", text: '<file name="report.pdf">\nRevenue grew nine percent\n</file>' },
        { type: "text", text: "What do these say?" },
      ],
    });
    const [question] = await listMessages(run.conversationId);
    expect(question?.parts).toEqual([
      { type: "file", fileId: image.id, name: "dot.png", mediaType: "image/png", size: PNG.length },
      expect.objectContaining({ type: "file", fileId: doc.id, mediaType: "application/pdf" }),
      { type: "text", text: "What do these say?" },
    ]);
    expect(question?.content).toBe("What do these say?");
  });

  it("sends an image as an Anthropic image block", async () => {
    const owner = await createTestActor();
    const image = await uploadFile(owner, { name: "dot.png", bytes: PNG });
    const run = await startChat({
      actor: owner,
      model: "seeing-claude",
      messages: await newUserMessages(owner, "Describe it", [image.id]),
    });
    expect((await run.finished).promptTokens).toBeGreaterThan(85 + 170);
    const sent = upstream.current.requests.at(-1)?.body.messages as { content: unknown }[];
    expect(sent.at(-1)?.content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: PNG.toString("base64") } },
      { type: "text", text: "Describe it" },
    ]);
  });

  it("refuses images for a model without vision before sending anything or saving the message", async () => {
    const owner = await createTestActor();
    const image = await uploadFile(owner, { name: "dot.png", bytes: PNG });
    const refused = await refusal(
      startChat({ actor: owner, model: "blind", messages: await newUserMessages(owner, "See?", [image.id]) }),
    );
    expect(refused.code).toBe("invalid_request");
    expect(refused.details.code).toBe("model_cannot_see_images");
    expect(refused.message).toBe("Blind Model cannot see images. Choose a model that can, or remove the images.");
    expect(upstream.current.requests).toHaveLength(0);
    expect(await db().conversation.count({ where: { ownerId: owner.userId } })).toBe(0);
  });

  it("passes an API caller's remote image URL to the provider as it is, and refuses it for a blind model", async () => {
    const caller = await createTestActor();
    const url = "https://images.example.test/cat.png";
    const messages = [
      {
        role: "user" as const,
        parts: [
          { type: "file" as const, mediaType: "image/png", url },
          { type: "text" as const, text: "Cat?" },
        ],
      },
    ];
    const refused = await refusal(startChat({ actor: caller, model: "blind", messages }));
    expect(refused.details.code).toBe("model_cannot_see_images");
    const run = await startChat({ actor: caller, model: "seeing", messages });
    await run.finished;
    const sent = upstream.current.requests.at(-1)?.body.messages as { content: unknown }[];
    expect(sent.at(-1)?.content).toEqual([
      { type: "image_url", image_url: { url } },
      { type: "text", text: "Cat?" },
    ]);
  });

  it("counts a document's text toward the plan's prompt limit", async () => {
    const owner = await createTestActor();
    const doc = await uploadFile(owner, { name: "long.txt", bytes: Buffer.from("word ".repeat(40_000)) });
    const refused = await refusal(
      startChat({ actor: owner, model: "seeing", messages: await newUserMessages(owner, "Summarize", [doc.id]) }),
    );
    expect(refused.message).toMatch(/too long/);
    expect(upstream.current.requests).toHaveLength(0);
  });

  it("attaches only the caller's own uploads, within the per-message limits", async () => {
    const [owner, stranger] = [await createTestActor(), await createTestActor()];
    const theirs = await uploadFile(stranger, { name: "dot.png", bytes: PNG });
    expect((await refusal(newUserMessages(owner, "hi", [theirs.id]))).details.code).toBe("file_not_found");
    expect((await refusal(newUserMessages(owner, "hi", ["nope"]))).details.code).toBe("file_not_found");
    const mine = [
      await uploadFile(owner, { name: "a.txt", bytes: Buffer.from("a") }),
      await uploadFile(owner, { name: "b.txt", bytes: Buffer.from("b") }),
    ];
    vi.stubEnv("FILES_MAX_PER_MESSAGE", "1");
    try {
      const refused = await refusal(
        newUserMessages(
          owner,
          "hi",
          mine.map((f) => f.id),
        ),
      );
      expect(refused.details.code).toBe("too_many_files");
      expect(refused.message).toBe("A message can carry at most 1 files.");
    } finally {
      vi.stubEnv("FILES_MAX_PER_MESSAGE", undefined);
    }
  });

  it("lets the team read a shared conversation's files and a fork keep them; other workspaces get 404", async () => {
    const owner = await createTestActor("Owner");
    const member = await createTestActor("Member");
    const { workspaceId } = await createTeam(owner, "Files team");
    const ownerInTeam = (await resolveSessionActor(owner.userId, workspaceId)) as NonNullable<
      Awaited<ReturnType<typeof resolveSessionActor>>
    >;
    await joinTeam(ownerInTeam, member);
    const memberInTeam = (await resolveSessionActor(member.userId, workspaceId)) as typeof ownerInTeam;
    const doc = await uploadFile(ownerInTeam, { name: "plan.pdf", bytes: pdfWithText("The plan") });
    const { conversationId } = await sendWithFiles(ownerInTeam, "Read", [doc.id]);
    expect((await refusal(readableFile(memberInTeam, doc.id))).code).toBe("not_found"); // private still
    await setConversationVisibility(ownerInTeam, { conversationId, visibility: "TEAM" });
    expect((await readableFile(memberInTeam, doc.id)).file.id).toBe(doc.id);
    // Outside the team (the member's personal workspace): not found.
    expect((await refusal(readableFile(member, doc.id))).code).toBe("not_found");

    const fork = await forkConversation(memberInTeam, { conversationId });
    await setConversationVisibility(ownerInTeam, { conversationId, visibility: "PRIVATE" });
    // The copy references the same file: its owner still reads it through the copy.
    expect((await readableFile(memberInTeam, doc.id)).file.id).toBe(doc.id);
    const [copied] = await listMessages(fork.id);
    expect(copied?.parts[0]).toMatchObject({ type: "file", fileId: doc.id });
  });

  it("serves a public snapshot's files through its link only, and 404s once it is revoked", async () => {
    const owner = await createTestActor();
    const doc = await uploadFile(owner, { name: "plan.pdf", bytes: pdfWithText("Public plan") });
    const other = await uploadFile(owner, { name: "other.pdf", bytes: pdfWithText("Not in it") });
    const { conversationId } = await sendWithFiles(owner, "Read", [doc.id]);
    const link = await publishSnapshot(owner, conversationId, "http://spj.test");
    const token = link.url.slice(link.url.lastIndexOf("/") + 1);
    expect(Buffer.from((await snapshotFile(token, doc.id)).bytes).toString("latin1")).toContain("Public plan");
    expect((await refusal(snapshotFile(token, other.id))).code).toBe("not_found");
    expect((await refusal(snapshotFile("not-a-token", doc.id))).code).toBe("not_found");
    await revokePublicLink(owner, conversationId);
    expect((await refusal(snapshotFile(token, doc.id))).code).toBe("not_found");
  });
});

describeDb("the files GC", () => {
  it("keeps uploads in their grace period and referenced files; deletes the rest with their bytes", async () => {
    const owner = await createTestActor();
    const unsent = await uploadFile(owner, { name: "draft.pdf", bytes: pdfWithText("Draft never sent") });
    const sent = await uploadFile(owner, { name: "kept.pdf", bytes: pdfWithText("Sent and kept") });
    await sendWithFiles(owner, "Keep this", [sent.id]);
    const shaOf = async (id: string) => (await db().file.findUniqueOrThrow({ where: { id } })).sha256;
    const unsentSha = await shaOf(unsent.id);

    await collectFiles(new Date());
    expect(await db().file.count({ where: { id: unsent.id } })).toBe(1); // within its grace period

    const later = new Date(Date.now() + UPLOAD_GRACE_MS + 60_000);
    const collected = await collectFiles(later);
    expect(collected.files).toBeGreaterThanOrEqual(1);
    expect(await db().file.count({ where: { id: unsent.id } })).toBe(0);
    expect(await db().blob.count({ where: { sha256: unsentSha } })).toBe(0);
    expect(storedObjects().some((e) => e.name === unsentSha)).toBe(false);
    expect((await readableFile(owner, sent.id)).file.name).toBe("kept.pdf");
  });

  it("deletes a file once the conversation holding it is gone, but not bytes another file still uses", async () => {
    const owner = await createTestActor();
    const bytes = pdfWithText(`Shared bytes ${randomBytes(4).toString("hex")}`);
    const a = await uploadFile(owner, { name: "a.pdf", bytes });
    const b = await uploadFile(owner, { name: "b.pdf", bytes });
    const { conversationId } = await sendWithFiles(owner, "Hold a", [a.id]);
    await sendWithFiles(owner, "Hold b", [b.id]);
    await db().conversation.delete({ where: { id: conversationId } });
    const later = new Date(Date.now() + UPLOAD_GRACE_MS + 60_000);
    await collectFiles(later);
    expect(await db().file.count({ where: { id: a.id } })).toBe(0);
    expect(Buffer.from((await readableFile(owner, b.id)).bytes).equals(bytes)).toBe(true);
  });
});
