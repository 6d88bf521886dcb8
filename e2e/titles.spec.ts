import { expect, test } from "@playwright/test";
import { lastAssistant, newScope, register, send, upstreamRequests } from "./helpers";
import { ledgerPurposes } from "./provision";

/**
 * Generated titles: after a new chat's first answer, the title model's title replaces the first
 * message's line in the sidebar, live, cleaned of the Markdown the model wrapped it in.
 */
test("a new chat gets a generated title without Markdown, and the title call is in the ledger", async ({ page }) => {
  const scope = newScope();
  const user = await register(page);
  await send(page, `Explain **binary search** with an example in Go please ${scope}`);
  await expect(lastAssistant(page)).toHaveAttribute("data-status", "COMPLETE");

  // The local upstream titles a chat with the question's first eight words wrapped in ** and a
  // period: the sidebar shows them plain, in place of the whole first line.
  const item = page.getByTestId("conversation-item").first();
  await expect(item).toHaveText("Explain binary search with an example in Go");
  await expect(item).not.toContainText("**");
  // The composer was free at the answer's end, not at the title's.
  await expect(page.getByTestId("composer-input")).toBeEditable();

  const [titleRequest, ...more] = await upstreamRequests(scope, { titles: true });
  expect(more).toHaveLength(0);
  expect(titleRequest?.completed).toBe(true);
  // One answer, one title: two ledger rows.
  expect(await upstreamRequests(scope)).toHaveLength(1);
  await expect.poll(() => ledgerPurposes(user.email)).toEqual(["CHAT", "TITLE"]);

  // The title is saved: it is still there after a reload.
  await page.reload();
  await expect(page.getByTestId("conversation-item").first()).toHaveText("Explain binary search with an example in Go");
});
