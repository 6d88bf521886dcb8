import type { z } from "zod";
import { SkipConversation } from "./draft";

/** A zod failure as one line a person can act on: where in the file, and what is wrong there. */
export function issueText(error: z.ZodError): SkipConversation {
  const issue = error.issues[0];
  if (!issue) return new SkipConversation("it does not match the expected format");
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return new SkipConversation(`${where}${issue.message}`);
}
