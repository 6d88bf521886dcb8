import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";

/**
 * Splits Markdown into its top-level blocks (paragraphs, lists, code blocks, tables…), so a
 * streamed answer re-renders only its last block while earlier ones stay as they are. The same
 * parser and extensions as the renderer decide where blocks end.
 */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

// Link reference and footnote definitions apply across blocks: such text is one block.
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

function blockStarts(text: string): number[] {
  return parser.parse(text).children.map((node) => node.position?.start.offset ?? 0);
}

/**
 * Remembers the blocks already closed: each call parses only from the start of the last open
 * block, so following an answer costs the size of its tail, not of the whole answer.
 */
export class BlockSplitter {
  private closed: string[] = [];
  private closedLength = 0;
  private text = "";

  split(text: string): string[] {
    if (DEFINITION.test(text)) {
      this.reset();
      return [text];
    }
    // Anything but text appended to what was seen starts over.
    if (!text.startsWith(this.text)) this.reset();
    this.text = text;
    const tail = text.slice(this.closedLength);
    const starts = blockStarts(tail);
    // Every block followed by another one is finished: the parser has closed it.
    for (let i = 1; i < starts.length; i++) {
      const from = i === 1 ? 0 : (starts[i - 1] as number);
      const block = tail.slice(from, starts[i]);
      this.closed.push(block);
      this.closedLength += block.length;
    }
    const open = text.slice(this.closedLength);
    return open ? [...this.closed, open] : [...this.closed];
  }

  private reset(): void {
    this.closed = [];
    this.closedLength = 0;
    this.text = "";
  }
}
