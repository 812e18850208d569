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
import { parse, preprocess } from "micromark";
import { subtokenize } from "micromark-util-subtokenize";
import type { Event, Token } from "micromark-util-types";

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
const CHUNK_LINES = 100;
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
  const text = lines.slice(from, to).join("\n");
  // micromark's own steps (what `micromark()` and mdast-util-from-markdown run), stopped after
  // the first subtokenize pass: the blocks and containers are then final (containers end before
  // trailing blank lines); the later passes only tokenize text inside blocks.
  const events = parse().document().write(preprocess()(text, undefined, true));
  subtokenize(events);
  readEvents(events, text, lines, from, out);
}

/** The list items open around the current event: one entry per open list. */
interface OpenList {
  /** The item the list is nested in (-1 at top level). */
  parent: number;
  /** The list's current item (the list's parent until its first item starts). */
  item: number;
}

const LEAVES = new Set(["paragraph", "definition", "atxHeading", "setextHeading", "codeFenced", "codeIndented", "htmlFlow", "thematicBreak"]);

function readEvents(events: readonly Event[], text: string, lines: readonly string[], from: number, out: MarkdownBlocks): void {
  const lists: OpenList[] = [];
  /** The block whose inner events are being passed over (a leaf block or a blockquote). */
  let inside: Token | null = null;
  let heading: { depth: number; parts: string[] } | null = null;
  let info: string | null = null;
  const mark = (token: Token, kind: BlockKind, item: number): void => {
    const end = token.end.line + from;
    for (let l = token.start.line + from; l <= end && l < out.lines.length; l++) out.lines[l] = { kind, item };
  };
  for (const [step, token] of events) {
    if (inside !== null) {
      if (step === "exit" && token === inside) {
        inside = null;
        if (token.type !== "blockQuote") finishLeaf(token);
      } else if (heading !== null && step === "enter") {
        if (token.type === "atxHeadingSequence" && heading.depth === 0) heading.depth = token.end.offset - token.start.offset;
        else if (token.type === "setextHeadingLineSequence") heading.depth = text.charCodeAt(token.start.offset) === 61 ? 1 : 2;
        else if (token.type === "chunkText") heading.parts.push(text.slice(token.start.offset, token.end.offset));
      } else if (step === "enter" && token.type === "codeFencedFenceInfo" && info === null) {
        info = text.slice(token.start.offset, token.end.offset);
      }
      continue;
    }
    const type = token.type;
    if (type === "listOrdered" || type === "listUnordered") {
      if (step === "enter") {
        const parent = lists.at(-1)?.item ?? -1;
        lists.push({ parent, item: parent });
      } else lists.pop();
      continue;
    }
    if (step === "exit") continue;
    const list = lists.at(-1);
    if (type === "listItemPrefix" && list) {
      const index = out.items.length;
      const line = token.start.line + from;
      out.items.push({ line, parent: list.parent });
      out.itemAt.set(line, index);
      if (out.lines[line]) out.lines[line] = { kind: "text", item: index };
      list.item = index;
    } else if (type === "blockQuote") {
      mark(token, "quote", list?.item ?? -1);
      inside = token;
    } else if (LEAVES.has(type)) {
      inside = token;
      if (type === "atxHeading" || type === "setextHeading") heading = { depth: 0, parts: [] };
      info = null;
    }
  }

  function finishLeaf(token: Token): void {
    const item = lists.at(-1)?.item ?? -1;
    const start = token.start.line + from;
    switch (token.type) {
      case "atxHeading":
      case "setextHeading":
        mark(token, "heading", item);
        out.headings.set(start, { depth: heading?.depth ?? 0, text: headingText(heading?.parts ?? []) });
        heading = null;
        return;
      case "codeFenced":
      case "codeIndented": {
        mark(token, "code", item);
        const fenced = /^\s*(?:`{3,}|~{3,})/.test(lines[start - 1] ?? "");
        const lang = fenced ? (/^[\w+-]*/.exec(info ?? "")?.[0] ?? "").toLowerCase() : null;
        out.codes.set(start, { endLine: token.end.line + from, lang });
        return;
      }
      case "htmlFlow":
        mark(token, "html", item);
        return;
      case "thematicBreak":
        mark(token, "rule", item);
        return;
      case "paragraph":
        mark(token, "text", item);
        markTableRows(token.start.line + from, token.end.line + from, item);
        return;
      default:
        mark(token, "text", item);
    }
  }

  function markTableRows(start: number, end: number, item: number): void {
    if (!(lines[start - 1] ?? "").trimStart().startsWith("|")) return;
    for (let l = start; l <= end && l < out.lines.length; l++) {
      if ((lines[l - 1] ?? "").trimStart().startsWith("|")) out.lines[l] = { kind: "table", item };
    }
  }
}

/**
 * A heading's text from its raw text chunks, as CommonMark's inline step would give it with no
 * inline constructs: each line without its leading and trailing spaces and tabs; lines joined by
 * a space, or by nothing after a hard line break (two or more trailing spaces and no tab).
 */
function headingText(parts: readonly string[]): string {
  const rows = parts.join("").split(/\r\n|\r|\n/);
  let joined = "";
  rows.forEach((row, i) => {
    const trailing = /[ \t]*$/.exec(row)?.[0] ?? "";
    joined += row.slice(0, row.length - trailing.length).replace(/^[ \t]+/, "");
    if (i < rows.length - 1) joined += trailing.length >= 2 && !trailing.includes("\t") ? "" : "\n";
  });
  return joined.replace(/\s*\n\s*/g, " ").trim();
}
