/**
 * The block structure of a task list as data (types only): what block each line belongs to, the
 * list items and their nesting, the headings and the code blocks. {@link readMarkdownBlocks}
 * fills it from micromark's events; the task grammar reads the raw lines it points at.
 */
export type BlockKind = "blank" | "text" | "heading" | "code" | "html" | "quote" | "table" | "rule";

export interface LineBlock {
  kind: BlockKind;
  /** Index into MarkdownBlocks.items of the innermost list item holding the line, or -1. */
  item: number;
}

export interface ItemBlock {
  /** 1-based first line of the item. */
  line: number;
  /** Index of the list item this one is nested in, or -1. */
  parent: number;
}

export interface HeadingBlock {
  depth: number;
  /** The heading's text (a setext heading's lines joined by a space). */
  text: string;
}

export interface CodeBlock {
  /** Last line of the block (the closing fence, when there is one). */
  endLine: number;
  /** The info string's first word, lower-cased; "" for none; null for indented code. */
  lang: string | null;
}

export interface MarkdownBlocks {
  /** Indexed by 1-based line number (index 0 unused). */
  lines: LineBlock[];
  items: ItemBlock[];
  /** List item index by its first line (the innermost item when several start on one line). */
  itemAt: Map<number, number>;
  headings: Map<number, HeadingBlock>;
  /** Code blocks by first line. */
  codes: Map<number, CodeBlock>;
}
