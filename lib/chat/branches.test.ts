import { describe, expect, it } from "vitest";
import { activePath, buildTree, placeTurn, siblingsOf, type TreeMessage, withLinkedParents } from "./branches";

const msg = (id: string, parentId: string | null, role = "user", status = "COMPLETE", content = id): TreeMessage => ({
  id,
  parentId,
  role,
  content,
  status,
});

// q1 → a1 → q2 → a2, with a2 regenerated as a2b and q2 edited as q2b → a3.
const tree = buildTree([
  msg("q1", null),
  msg("a1", "q1", "assistant"),
  msg("q2", "a1"),
  msg("a2", "q2", "assistant"),
  msg("a2b", "q2", "assistant"),
  msg("q2b", "a1"),
  msg("a3", "q2b", "assistant"),
]);
const ids = (list: readonly TreeMessage[]) => list.map((m) => m.id);

describe("message tree", () => {
  it("shows the branch down to the active leaf, or the newest message without one", () => {
    expect(ids(activePath(tree, "a2"))).toEqual(["q1", "a1", "q2", "a2"]);
    expect(ids(activePath(tree, null))).toEqual(["q1", "a1", "q2b", "a3"]);
    expect(ids(activePath(tree, "unknown"))).toEqual(["q1", "a1", "q2b", "a3"]);
    // A leaf that is not a leaf any more (its answer arrived later) follows the newest child.
    expect(ids(activePath(tree, "q2"))).toEqual(["q1", "a1", "q2", "a2b"]);
    expect(ids(activePath(buildTree([]), null))).toEqual([]);
  });

  it("lists the versions of a message in creation order", () => {
    const a2b = tree.byId.get("a2b") as TreeMessage;
    expect(ids(siblingsOf(tree, a2b))).toEqual(["a2", "a2b"]);
    expect(ids(siblingsOf(tree, tree.byId.get("q2b") as TreeMessage))).toEqual(["q2", "q2b"]);
    expect(ids(siblingsOf(tree, tree.byId.get("q1") as TreeMessage))).toEqual(["q1"]);
  });

  it("reads a conversation saved before branches as one chain, and says which rows to link", () => {
    const { messages, linked } = withLinkedParents([msg("x", null), msg("y", null), msg("z", null)]);
    expect(messages.map((m) => m.parentId)).toEqual([null, "x", "y"]);
    expect(linked.map((m) => [m.id, m.parentId])).toEqual([
      ["y", "x"],
      ["z", "y"],
    ]);
    expect(withLinkedParents([msg("x", null)]).linked).toEqual([]);
    expect(withLinkedParents([msg("x", null), msg("y", "x")]).linked).toEqual([]);
  });
});

describe("placing a turn", () => {
  it("attaches after the branch shown, or under the message named", () => {
    expect(placeTurn(tree, { activeLeafId: "a2", parentId: undefined, answerAgain: false })).toMatchObject({
      parentId: "a2",
      discarded: [],
    });
    const edit = placeTurn(tree, { activeLeafId: "a2", parentId: "a1", answerAgain: false });
    expect(edit?.parentId).toBe("a1");
    expect(ids(edit?.history ?? [])).toEqual(["q1", "a1"]);
    expect(placeTurn(tree, { activeLeafId: null, parentId: null, answerAgain: false })).toEqual({
      parentId: null,
      history: [],
      discarded: [],
    });
    expect(placeTurn(tree, { activeLeafId: null, parentId: "elsewhere", answerAgain: false })).toBeNull();
  });

  it("answers the shown question again, replacing a failed empty answer but keeping real ones", () => {
    const regenerate = placeTurn(tree, { activeLeafId: "a2", parentId: undefined, answerAgain: true });
    expect(regenerate).toMatchObject({ parentId: "q2", discarded: [] });
    expect(ids(regenerate?.history ?? [])).toEqual(["q1", "a1", "q2"]);

    const failed = buildTree([msg("q", null), msg("ok", "q", "assistant"), msg("bad", "q", "assistant", "ERROR", "")]);
    expect(placeTurn(failed, { activeLeafId: "bad", parentId: undefined, answerAgain: true })).toMatchObject({
      parentId: "q",
      discarded: ["bad"],
    });
    // A new question after a failed answer follows it: the failure stays in the conversation.
    expect(placeTurn(failed, { activeLeafId: "bad", parentId: undefined, answerAgain: false })).toMatchObject({
      parentId: "bad",
      discarded: [],
    });
  });

  it("answers a failed question again beside its failed answer when the conversation went on after it", () => {
    const later = buildTree([
      msg("q", null),
      msg("bad", "q", "assistant", "ERROR", ""),
      msg("q2", "bad"),
      msg("a2", "q2", "assistant"),
    ]);
    expect(placeTurn(later, { activeLeafId: "a2", parentId: "q", answerAgain: true })).toMatchObject({
      parentId: "q",
      discarded: [],
    });
  });
});
