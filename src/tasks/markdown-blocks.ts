/**
 * The block structure of a task list, from a CommonMark + GFM parser (mdast-util-from-markdown
 * with the task-list-item extension): for each line, what block it belongs to
 * (heading, paragraph, code, HTML, blockquote, table, thematic break) and the innermost list
 * item that holds it; for each list item, its first line and its parent item. The task grammar
 * (ids, tags) then reads the raw lines these blocks point at, so offsets stay exact.
 *
 * Inline constructs (emphasis, links, code spans...) are switched off: nothing here needs them,
 * and tokenizing them is most of micromark's time. GFM tables are not parsed either (the table
 * extension nearly doubles the time): a paragraph line that starts with "|" is a table row.
 */
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";

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

const NO_INLINE = {
  disable: {
    null: [
      "attention",
      "autolink",
      "characterEscape",
      "characterReference",
      "codeText",
      "hardBreakEscape",
      "htmlText",
      "labelStartImage",
      "labelStartLink",
      "labelEnd",
    ],
  },
};

const OPTIONS = {
  extensions: [NO_INLINE, gfmTaskListItem()],
  mdastExtensions: [gfmTaskListItemFromMarkdown()],
};

/**
 * Reads the block structure of `lines` (the document's lines without line endings; lines that
 * must not be read as Markdown, such as YAML frontmatter, passed as "").
 */
export function readMarkdownBlocks(lines: readonly string[], chunkLines: number = CHUNK_LINES): MarkdownBlocks {
  const out: MarkdownBlocks = {
    lines: Array.from({ length: lines.length + 1 }, () => ({ kind: "blank" as BlockKind, item: -1 })),
    items: [],
    itemAt: new Map(),
    headings: new Map(),
    codes: new Map(),
  };
  // micromark's time grows faster than linearly with the length of one run of nested lists,
  // so the document is parsed in chunks cut where CommonMark starts a new top-level block
  // anyway (see chunkStarts): the same tree, in linear time.
  const starts = chunkStarts(lines, chunkLines);
  for (let c = 0; c < starts.length; c++) {
    const from = starts[c] as number;
    const to = starts[c + 1] ?? lines.length;
    readChunk(lines, from, to, out);
  }
  return out;
}

/** Lines a chunk holds at least, before it may be cut. */
const CHUNK_LINES = 200;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TOP_LEVEL_START = /^(?:#{1,6}(?:\s|$)|[-*+][ \t]+\S)/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * 0-based line indexes where a chunk may start: an ATX heading or a bullet list item at column
 * 0 (each starts a new top-level block whatever precedes it), outside fenced code, HTML comments
 * and HTML blocks, at least `chunkLines` after the previous cut.
 */
export function chunkStarts(lines: readonly string[], chunkLines: number = CHUNK_LINES): number[] {
  const starts = [0];
  let fence: string | null = null;
  let comment = false;
  let html = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length && line.trim() === close[0].trim()) fence = null;
      continue;
    }
    if (comment) {
      if (line.includes("-->")) comment = false;
      continue;
    }
    if (html) {
      if (line.trim() === "") html = false;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1] as string;
      continue;
    }
    const trimmed = line.trimStart();
    if (line.length - trimmed.length <= 3 && trimmed.startsWith("<")) {
      if (trimmed.startsWith("<!--")) comment = !trimmed.slice(4).includes("-->");
      else html = true;
      continue;
    }
    if (i - (starts.at(-1) as number) < chunkLines) continue;
    if (TOP_LEVEL_START.test(line) && !THEMATIC_BREAK.test(line)) starts.push(i);
  }
  return starts;
}

/** Reads lines [from, to) (0-based) as one Markdown document into `out`, at their real line numbers. */
function readChunk(lines: readonly string[], from: number, to: number, out: MarkdownBlocks): void {
  const tree = fromMarkdown(lines.slice(from, to).join("\n"), OPTIONS);
  const startOf = (node: Nodes): number => (node.position?.start.line ?? 0) + from;
  const endOf = (node: Nodes): number => (node.position?.end.line ?? node.position?.start.line ?? 0) + from;
  const mark = (node: Nodes, kind: BlockKind, item: number): void => {
    const end = endOf(node);
    for (let l = startOf(node); l <= end && l < out.lines.length; l++) out.lines[l] = { kind, item };
  };
  const walk = (node: Nodes, item: number): void => {
    switch (node.type) {
      case "root":
      case "list":
        for (const child of node.children) walk(child, item);
        return;
      case "listItem": {
        const index = out.items.length;
        const line = startOf(node);
        out.items.push({ line, parent: item });
        out.itemAt.set(line, index);
        if (out.lines[line]) out.lines[line] = { kind: "text", item: index };
        for (const child of node.children) walk(child, index);
        return;
      }
      case "blockquote":
        mark(node, "quote", item);
        return;
      case "heading": {
        mark(node, "heading", item);
        out.headings.set(startOf(node), { depth: node.depth, text: textOf(node).replace(/\s*\n\s*/g, " ").trim() });
        return;
      }
      case "code": {
        mark(node, "code", item);
        const start = startOf(node);
        const first = lines[start - 1] ?? "";
        const fenced = /^\s*(?:`{3,}|~{3,})/.test(first);
        const lang = fenced ? (/^[\w+-]*/.exec(node.lang ?? "")?.[0] ?? "").toLowerCase() : null;
        out.codes.set(start, { endLine: endOf(node), lang });
        return;
      }
      case "html":
        mark(node, "html", item);
        return;
      case "table":
        mark(node, "table", item);
        return;
      case "thematicBreak":
        mark(node, "rule", item);
        return;
      case "paragraph":
        mark(node, "text", item);
        markTableRows(node, item);
        return;
      default:
        mark(node, "text", item);
    }
  };
  const markTableRows = (node: Nodes, item: number): void => {
    const start = startOf(node);
    const end = endOf(node);
    if (!(lines[start - 1] ?? "").trimStart().startsWith("|")) return;
    for (let l = start; l <= end && l < out.lines.length; l++) {
      if ((lines[l - 1] ?? "").trimStart().startsWith("|")) out.lines[l] = { kind: "table", item };
    }
  };
  walk(tree, -1);
}

function textOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(textOf).join("");
  return "";
}
