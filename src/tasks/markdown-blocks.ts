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
export function readMarkdownBlocks(lines: readonly string[]): MarkdownBlocks {
  const tree = fromMarkdown(lines.join("\n"), OPTIONS);
  const out: MarkdownBlocks = {
    lines: Array.from({ length: lines.length + 1 }, () => ({ kind: "blank" as BlockKind, item: -1 })),
    items: [],
    itemAt: new Map(),
    headings: new Map(),
    codes: new Map(),
  };
  const mark = (node: Nodes, kind: BlockKind, item: number): void => {
    const start = node.position?.start.line ?? 0;
    const end = node.position?.end.line ?? start;
    for (let l = start; l <= end && l < out.lines.length; l++) out.lines[l] = { kind, item };
  };
  const walk = (node: Nodes, item: number): void => {
    switch (node.type) {
      case "root":
      case "list":
        for (const child of node.children) walk(child, item);
        return;
      case "listItem": {
        const index = out.items.length;
        const line = node.position?.start.line ?? 0;
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
        const line = node.position?.start.line ?? 0;
        out.headings.set(line, { depth: node.depth, text: textOf(node).replace(/\s*\n\s*/g, " ").trim() });
        return;
      }
      case "code": {
        mark(node, "code", item);
        const start = node.position?.start.line ?? 0;
        const first = lines[start - 1] ?? "";
        const fenced = /^\s*(?:`{3,}|~{3,})/.test(first);
        const lang = fenced ? (/^[\w+-]*/.exec(node.lang ?? "")?.[0] ?? "").toLowerCase() : null;
        out.codes.set(start, { endLine: node.position?.end.line ?? start, lang });
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
    const start = node.position?.start.line ?? 0;
    const end = node.position?.end.line ?? start;
    if (!(lines[start - 1] ?? "").trimStart().startsWith("|")) return;
    for (let l = start; l <= end && l < out.lines.length; l++) {
      if ((lines[l - 1] ?? "").trimStart().startsWith("|")) out.lines[l] = { kind: "table", item };
    }
  };
  walk(tree, -1);
  return out;
}

function textOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(textOf).join("");
  return "";
}
