import type { Actor } from "@/lib/auth/actor";
import { startChat } from "@/lib/chat/pipeline";
import { newUserMessages } from "@/lib/files/attach";
import { uploadFile } from "@/lib/files/upload";
import { publishSnapshot, revokePublicLink } from "@/lib/sharing/public-links";
import { setConversationVisibility } from "@/lib/sharing/visibility";
import { collect } from "./fixtures";
import { pdfWithText } from "./sample-files";
import { ORIGIN, type TeamScene } from "./team-scene";

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
