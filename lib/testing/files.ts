import type { Actor } from "@/lib/auth/actor";
import { startChat } from "@/lib/chat/pipeline";
import { newUserMessages } from "@/lib/files/attach";
import { uploadFile } from "@/lib/files/upload";
import { publishSnapshot, revokePublicLink } from "@/lib/sharing/public-links";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { collect } from "./fixtures";
import { ORIGIN, type TeamScene } from "./team-scene";

/** Small files of each kind, made here (no fixtures on disk). */

/** A 2×1 PNG. */
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000002000000010806000000f4227f8a0000000e49444154789c63f8cfc00042ff010ff903fd851199760000000049454e44ae426082",
  "hex",
);

/** A one-page PDF whose text is `text` (ASCII, no parentheses). */
export function pdfWithText(text: string): Buffer {
  const stream = `BT /F1 18 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    "<</Type/Catalog/Pages 2 0 R>>",
    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
    `<</Length ${stream.length}>>\nstream\n${stream}\nendstream`,
    "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj${object}endobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

/** A question with files, answered through the pipeline (needs `withLocalUpstream()`). */
export async function sendWithFiles(
  actor: Actor,
  question: string,
  fileIds: string[],
  conversationId?: string,
): Promise<{ conversationId: string }> {
  const run = await startChat({ actor, conversationId, messages: await newUserMessages(actor, question, fileIds) });
  const { outcome } = await collect(run);
  if (outcome.status !== "COMPLETE") throw new Error(`"${question}" ended ${outcome.status}`);
  return { conversationId: run.conversationId };
}

/**
 * Files placed as the authorization matrix needs them, in the team scene: a document in the
 * conversation shared with the team (and in its live public snapshot), one in a private
 * conversation (whose public link was revoked), and one uploaded by the owner but never sent.
 */
async function buildFileScene(scene: TeamScene) {
  const owner = scene.actors.owner as Actor;
  const upload = (name: string) => uploadFile(owner, { name, bytes: pdfWithText(`Contents of ${name}`) });
  const shared = await upload("plan.pdf");
  const { conversationId: sharedChat } = await sendWithFiles(owner, "Read the plan", [shared.id]);
  await setConversationVisibility(owner, { conversationId: sharedChat, visibility: "TEAM" });
  const live = await publishSnapshot(owner, sharedChat, ORIGIN);
  const secret = await upload("salaries.pdf");
  const { conversationId: privateChat } = await sendWithFiles(owner, "Read the salaries", [secret.id]);
  const revoked = await publishSnapshot(owner, privateChat, ORIGIN);
  await revokePublicLink(owner, privateChat);
  const unsent = await upload("draft.pdf");
  const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
  return {
    sharedFileId: shared.id,
    privateFileId: secret.id,
    unsentFileId: unsent.id,
    liveToken: tokenOf(live.url),
    revokedToken: tokenOf(revoked.url),
  };
}

const built = new WeakMap<TeamScene, ReturnType<typeof buildFileScene>>();

/** The scene's files, made on first use (rows that share a scene share them). */
export function fileScene(scene: TeamScene): ReturnType<typeof buildFileScene> {
  let files = built.get(scene);
  if (!files) {
    files = buildFileScene(scene);
    built.set(scene, files);
  }
  return files;
}
