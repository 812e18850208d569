/**
 * Splits a task list into lines with their exact offsets into the original text (CRLF and BOM
 * intact) and marks the YAML frontmatter. The Markdown structure of the rest comes from
 * markdown-blocks.ts; offsets for write-back come from here.
 */

export type LineContext = "text" | "frontmatter";

export interface SourceLine {
  /** 1-based line number. */
  number: number;
  /** Offset of `text` inside the original document (after the BOM on line 1). */
  start: number;
  /** The line without its line ending (and without a leading BOM). */
  text: string;
  context: LineContext;
}

export interface SourceLines {
  lines: SourceLine[];
  /** [first, last] 1-based line numbers of the frontmatter block including its fences, or null. */
  frontmatter: { startLine: number; endLine: number; body: string } | null;
  lineEnding: "\n" | "\r\n";
}

export function splitSourceLines(source: string): SourceLines {
  const lines: SourceLine[] = [];
  let crlf = 0;
  let lf = 0;
  let pos = 0;
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  pos = bom;
  while (pos <= source.length) {
    const nl = source.indexOf("\n", pos);
    const end = nl === -1 ? source.length : nl;
    let textEnd = end;
    if (nl !== -1) {
      if (end > pos && source.charCodeAt(end - 1) === 13) {
        textEnd = end - 1;
        crlf++;
      } else {
        lf++;
      }
    } else if (end > pos && source.charCodeAt(end - 1) === 13) {
      textEnd = end - 1;
    }
    if (nl === -1 && pos === source.length && lines.length > 0) break; // trailing newline: no extra line
    lines.push({ number: lines.length + 1, start: pos, text: source.slice(pos, textEnd), context: "text" });
    if (nl === -1) break;
    pos = nl + 1;
  }

  const frontmatter = markFrontmatter(lines);
  return { lines, frontmatter, lineEnding: crlf > lf ? "\r\n" : "\n" };
}

function markFrontmatter(lines: SourceLine[]): SourceLines["frontmatter"] {
  const first = lines[0];
  if (!first || first.text.trimEnd() !== "---") return null;
  for (let i = 1; i < lines.length; i++) {
    const t = (lines[i] as SourceLine).text.trimEnd();
    if (t === "---" || t === "...") {
      const body = lines
        .slice(1, i)
        .map((l) => l.text)
        .join("\n");
      for (let j = 0; j <= i; j++) (lines[j] as SourceLine).context = "frontmatter";
      return { startLine: 1, endLine: i + 1, body };
    }
  }
  return null; // an unclosed "---" is a thematic break, not frontmatter
}
