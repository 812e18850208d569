/**
 * micromark's block events → MarkdownBlocks: the blocks, list items, headings and code blocks
 * that mdast-util-from-markdown's tree holds (test/unit/tasks/markdown-events.test.ts checks
 * it), read straight from the events without building the tree or tokenizing inline text.
 */
import type { Event, Token } from "micromark-util-types";
import type { BlockKind, MarkdownBlocks } from "./blocks.js";

/** The list items open around the current event: one entry per open list. */
interface OpenList {
  /** The item the list is nested in (-1 at top level). */
  parent: number;
  /** The list's current item (the list's parent until its first item starts). */
  item: number;
}

const LEAVES = new Set([
  "paragraph",
  "definition",
  "atxHeading",
  "setextHeading",
  "codeFenced",
  "codeIndented",
  "htmlFlow",
  "thematicBreak",
]);

/** Reads one chunk's events (`text`: the chunk, which starts at 0-based line `from` of `lines`) into `out`. */
export function readEvents(
  events: readonly Event[],
  text: string,
  lines: readonly string[],
  from: number,
  out: MarkdownBlocks,
): void {
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
        if (token.type === "atxHeadingSequence" && heading.depth === 0)
          heading.depth = token.end.offset - token.start.offset;
        else if (token.type === "setextHeadingLineSequence")
          heading.depth = text.charCodeAt(token.start.offset) === 61 ? 1 : 2;
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
