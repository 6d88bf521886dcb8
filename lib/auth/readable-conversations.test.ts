import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { canReadConversation, type ReadableConversations, readableConversations } from "./policy";

/** How lib/db/search.ts applies the filter in SQL, restated for the comparison. */
const inScope = (scope: ReadableConversations, c: { workspaceId: string; ownerId: string; visibility: string }) =>
  c.workspaceId === scope.workspaceId && (c.ownerId === scope.ownerId || c.visibility === scope.sharedVisibility);

describe("readableConversations", () => {
  it("allows exactly the conversations canReadConversation allows", () => {
    const actors: Actor[] = [
      { userId: "u1", workspaceId: "w1", via: "session" },
      { userId: "u1", workspaceId: "w2", via: "session" },
      { userId: "u2", workspaceId: "w1", via: "api_key", apiKeyId: "k" },
    ];
    for (const actor of actors) {
      const scope = readableConversations(actor);
      for (const workspaceId of ["w1", "w2", "w3"]) {
        for (const ownerId of ["u1", "u2", "u3"]) {
          for (const visibility of ["PRIVATE", "TEAM"]) {
            const conversation = { workspaceId, ownerId, visibility };
            expect(inScope(scope, conversation), JSON.stringify({ actor, conversation })).toBe(
              canReadConversation(actor, conversation),
            );
          }
        }
      }
    }
  });
});
