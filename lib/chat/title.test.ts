import { describe, expect, it } from "vitest";
import { cleanTitle, isTitleRequest, titleFrom, titleRequestText } from "./title";

describe("cleanTitle", () => {
  it("removes Markdown, wrapping quotes, a label and the final punctuation", () => {
    expect(cleanTitle("**Binary search in Go**.")).toBe("Binary search in Go");
    expect(cleanTitle('"Recette de la pâte à crêpes"')).toBe("Recette de la pâte à crêpes");
    expect(cleanTitle("Title: `useEffect` cleanup!")).toBe("useEffect cleanup");
    expect(cleanTitle("## [Rust](https://rust-lang.org) lifetimes")).toBe("Rust lifetimes");
    expect(cleanTitle("«Deutsche Grammatik»")).toBe("Deutsche Grammatik");
    expect(cleanTitle("**What is a monad?**")).toBe("What is a monad?");
  });

  it("keeps the first non-empty line and cuts a long one at a word", () => {
    expect(cleanTitle("\n\n  Sorting  a list \nsecond line")).toBe("Sorting a list");
    const long = cleanTitle("word ".repeat(30));
    expect(long.length).toBeLessThanOrEqual(61);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("keeps the text of a title in another script, and gives nothing for nothing", () => {
    expect(cleanTitle("二分探索の説明。")).toBe("二分探索の説明");
    expect(cleanTitle("** **")).toBe("");
    expect(titleFrom("   ")).toBe("New chat");
    // A first message keeps its punctuation; only its Markdown goes.
    expect(titleFrom("Remember **the number** 42.")).toBe("Remember the number 42.");
  });
});

describe("a title request", () => {
  it("is known by its first words and carries excerpts of the question and the answer", () => {
    const text = titleRequestText("How do I sort?", `${"x".repeat(2000)}`);
    expect(isTitleRequest(text)).toBe(true);
    expect(isTitleRequest("How do I sort?")).toBe(false);
    expect(text).toContain("User: How do I sort?");
    expect(text.length).toBeLessThan(1500);
  });
});
