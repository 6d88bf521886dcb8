import { unzipSync } from "fflate";
import { expect, it } from "vitest";
import { readableConversation } from "@/lib/chat/conversations";
import { exportConversation, exportConversationArchive } from "@/lib/conversations/export";
import { exportAllConversations } from "@/lib/conversations/export-all";
import { importConversations } from "@/lib/conversations/import";
import { importArchive, isZipArchive } from "@/lib/conversations/import/archive";
import { sendWithFiles } from "@/lib/testing/files";
import { createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { pdfWithText } from "@/lib/testing/sample-files";
import { readableFile } from "./access";
import { uploadFile } from "./upload";

withLocalUpstream();

async function conversationWithFiles() {
  const owner = await createTestActor();
  const doc = await uploadFile(owner, { name: "notes/q3.pdf", bytes: pdfWithText("Archived notes") });
  const { conversationId } = await sendWithFiles(owner, "Keep these notes", [doc.id]);
  return { owner, doc, conversationId };
}

describeDb("files in export and import archives", () => {
  it("exports a conversation with its files as a zip that imports back whole, as the importer's files", async () => {
    const { owner, doc, conversationId } = await conversationWithFiles();
    const archive = await exportConversationArchive(owner, conversationId);
    expect(archive.filename).toBe("keep-these-notes.zip");
    expect(isZipArchive(archive.body)).toBe(true);
    const entries = unzipSync(archive.body);
    expect(Object.keys(entries).sort()).toEqual(["conversation.json", `files/${doc.id}/notes_q3.pdf`]);

    const importer = await createTestActor();
    const report = await importArchive(importer, archive.body);
    expect(report.skipped).toEqual([]);
    const [imported] = report.imported;
    expect(imported?.notes).toEqual([]);
    const { messages } = await readableConversation(importer, imported?.id as string);
    const part = messages[0]?.parts[0];
    expect(part).toMatchObject({ type: "file", name: "notes/q3.pdf", mediaType: "application/pdf" });
    const newId = (part as { fileId: string }).fileId;
    expect(newId).not.toBe(doc.id);
    const restored = await readableFile(importer, newId);
    expect(restored.file.ownerId).toBe(importer.userId);
    expect(Buffer.from(restored.bytes).toString("latin1")).toContain("Archived notes");
  });

  it("puts each file once in the export of all conversations", async () => {
    const { owner, doc } = await conversationWithFiles();
    await sendWithFiles(owner, "Again", [doc.id]);
    const { stream } = await exportAllConversations(owner);
    const zip = new Uint8Array(await new Response(stream).arrayBuffer());
    const files = Object.keys(unzipSync(zip)).filter((name) => name.startsWith("files/"));
    expect(files).toEqual([`files/${doc.id}/notes_q3.pdf`]);
    const report = await importArchive(await createTestActor(), zip);
    expect(report.imported).toHaveLength(2);
  });

  it("leaves out file parts of a plain JSON import: an id in a file grants nothing", async () => {
    const { owner, conversationId } = await conversationWithFiles();
    const json = await exportConversation(owner, conversationId, "json");
    const importer = await createTestActor();
    const [imported] = (await importConversations(importer, json.body)).imported;
    const { messages } = await readableConversation(importer, imported?.id as string);
    expect(messages[0]?.parts).toEqual([{ type: "text", text: "Keep these notes" }]);
  });
});
