/**
 * Where a task's checkbox is, without parsing the whole list. The lines that could hold the task
 * — any line with the id's text, and items naming a range that covers it — are tried in document
 * order against the Markdown structure of the one chunk holding each (markdown-blocks.ts cuts
 * chunks where CommonMark starts a new top-level block, so a chunk read alone gives the blocks
 * the whole document gives), and read with parseTaskList's own task grammar. The first line
 * that is a checkbox task with that id is the answer.
 *
 * Where the answer depends on more than the line, the lookup answers "ask the full parse": a
 * heading holding the id (heading tasks depend on the headings above), an item with a bold id
 * and no checkbox (a task only inside a phase), a numbered id ("1.1", kept only when the list
 * has no T-ids), or no checkbox task at all (the error must say which). An id split across a
 * hard line break of a setext heading is the one form it does not see.
 */
import { idsOfRange } from "./structure/document-parts.js";
import { chunkStarts, readMarkdownBlocks } from "./markdown/read-blocks.js";
import type { MarkdownBlocks } from "./markdown/blocks.js";
import { splitSourceLines, type SourceLine } from "./markdown/source-lines.js";
import { readListItem, readTaskHead } from "./lines/task-line.js";

/** An offset, or null: only the full parse can tell. */
export type CheckboxAnswer = number | null;

export class CheckboxLookup {
  private readonly lines: SourceLine[];
  private readonly markdown: string[];
  private readonly starts: number[];
  private readonly chunks = new Map<number, MarkdownBlocks>();
  /** Lines (0-based) of items naming a range, with the ids the range covers. */
  private readonly ranges: { index: number; ids: Set<string> }[] = [];

  constructor(readonly text: string) {
    this.lines = splitSourceLines(text).lines;
    this.markdown = this.lines.map((l) => (l.context === "frontmatter" ? "" : l.text));
    this.starts = chunkStarts(this.markdown);
    this.lines.forEach((line, index) => {
      if (!/[-–—]/.test(line.text)) return;
      const li = readListItem(line.text);
      const head = li ? readTaskHead(li.content, { numbered: li.markerColumn >= 0 }) : null;
      if (head?.rangeTo) this.ranges.push({ index, ids: new Set(idsOfRange(head.id, head.rangeTo)) });
    });
  }

  /** The offset of the checkbox marker of the first task with this id, or null (ask the full parse). */
  find(id: string): CheckboxAnswer {
    if (id === "") return null;
    const candidates = new Set<number>();
    for (let at = this.text.indexOf(id); at !== -1; at = this.text.indexOf(id, at + 1)) candidates.add(this.lineAt(at));
    for (const range of this.ranges) if (range.ids.has(id)) candidates.add(range.index);
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const answer = this.taskAt(index, id);
      if (answer === "not a task") continue;
      return answer;
    }
    return null;
  }

  /** What line `index` (0-based) is for `id`: its checkbox offset, not a task of it, or null (ask the full parse). */
  private taskAt(index: number, id: string): CheckboxAnswer | "not a task" {
    const line = this.lines[index] as SourceLine;
    if (line.context === "frontmatter") return "not a task";
    const { md, from } = this.chunkOf(index);
    const number = index - from + 1;
    const block = md.lines[number];
    if (!block) return "not a task";
    if (block.kind === "heading") return null;
    if (block.kind !== "text" || md.itemAt.get(number) !== block.item) return "not a task";
    const li = readListItem(line.text);
    if (li === null) return "not a task";
    const hasBox = li.markerColumn >= 0;
    const head = readTaskHead(li.content, { numbered: hasBox });
    if (head === null) return "not a task";
    const ids = head.rangeTo ? idsOfRange(head.id, head.rangeTo) : [head.id, ...(head.alsoIds ?? [])];
    if (!ids.includes(id)) return "not a task";
    if (!hasBox) return head.boldId ? null : "not a task";
    return head.numbered ? null : line.start + li.markerColumn;
  }

  private chunkOf(index: number): { md: MarkdownBlocks; from: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    const from = this.starts[lo] as number;
    let md = this.chunks.get(from);
    if (!md) {
      md = readMarkdownBlocks(
        this.markdown.slice(from, this.starts[lo + 1] ?? this.markdown.length),
        Number.POSITIVE_INFINITY,
      );
      this.chunks.set(from, md);
    }
    return { md, from };
  }

  /** The 0-based line holding offset `at`. */
  private lineAt(at: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lines[mid] as SourceLine).start <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
