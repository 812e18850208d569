/**
 * The block structure of a task list, from a CommonMark parser (micromark, the tokenizer under
 * mdast-util-from-markdown): for each line, what block it belongs to (heading, paragraph,
 * code, HTML, blockquote, table, thematic break) and the innermost list item that holds it; for
 * each list item, its first line and its parent item. The task grammar (ids, tags) then reads
 * the raw lines these blocks point at, so offsets stay exact.
 *
 * The inline step (emphasis, links, code spans, the GFM task-list "[x]" check) is never run: it
 * cannot change the blocks and is most of micromark's time ({@link readEvents} reads the block
 * events). GFM tables are not parsed either (the table extension nearly doubles the time): a
 * paragraph line that starts with "|" is a table row.
 */
import { parse, preprocess } from "micromark";
import { subtokenize } from "micromark-util-subtokenize";
import { readEvents } from "./block-events.js";
import type { BlockKind, MarkdownBlocks } from "./blocks.js";

/** No blocks yet: every one of `count` lines blank, outside any list item. */
export function emptyBlocks(count: number): MarkdownBlocks {
  return {
    lines: Array.from({ length: count + 1 }, () => ({ kind: "blank" as BlockKind, item: -1 })),
    items: [],
    itemAt: new Map(),
    headings: new Map(),
    codes: new Map(),
  };
}

/**
 * Reads the block structure of `lines` (the document's lines without line endings; lines that
 * must not be read as Markdown, such as YAML frontmatter, passed as "").
 */
export function readMarkdownBlocks(lines: readonly string[], chunkLines: number = CHUNK_LINES): MarkdownBlocks {
  const out = emptyBlocks(lines.length);
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
      if (
        close &&
        close[1]?.[0] === fence[0] &&
        (close[1]?.length ?? 0) >= fence.length &&
        line.trim() === close[0].trim()
      )
        fence = null;
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
  const events = parse()
    .document()
    .write(preprocess()(text, undefined, true));
  subtokenize(events);
  readEvents(events, text, lines, from, out);
}
