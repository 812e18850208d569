/**
 * Splits a task list into lines and marks the ones that can never hold a task or a dependency
 * statement: YAML frontmatter, fenced code, HTML comments and blockquotes. A plain line scanner
 * (no Markdown AST): it keeps exact offsets into the original text (CRLF and BOM intact) and is
 * fast enough for very large files.
 */

export type LineContext = "text" | "frontmatter" | "fence" | "comment" | "quote";

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

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;

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
  markBlocks(lines, frontmatter ? frontmatter.endLine : 0);
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

function markBlocks(lines: SourceLine[], skip: number): void {
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  for (let i = skip; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    const text = line.text;
    if (fence) {
      line.context = "fence";
      const m = FENCE.exec(text);
      if (m && m[1] && m[1][0] === fence.char && m[1].length >= fence.length && (m[2] ?? "").trim() === "") {
        fence = null;
      }
      continue;
    }
    if (inComment) {
      line.context = "comment";
      if (text.includes("-->")) inComment = false;
      continue;
    }
    const trimmed = text.trimStart();
    if (trimmed.startsWith(">")) {
      line.context = "quote";
      continue;
    }
    const m = FENCE.exec(text);
    if (m && m[1] && !(m[1][0] === "`" && (m[2] ?? "").includes("`"))) {
      line.context = "fence";
      fence = { char: m[1][0] as string, length: m[1].length };
      continue;
    }
    if (trimmed.startsWith("<!--")) {
      line.context = "comment";
      const close = trimmed.indexOf("-->", 4);
      if (close === -1) inComment = true;
      continue;
    }
  }
}
