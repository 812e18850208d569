/**
 * The text a dependency statement may span: one clause. Splits a line into sentences and clauses
 * (". ", ";", "。", table cells, "but", wide column gaps), drops emphasis marks, stands one
 * placeholder character for each code span, and finds the bracket pairs inside a clause.
 */

const CODE_SPAN = /`[^`]*`/g;
const EMPHASIS = /\*+|~~|(?<![\p{L}\p{N}])__?|__?(?![\p{L}\p{N}])/gu;
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|nr|ex|p\.ex|z\.B|d\.h|т\.е|т\.к|см)|\d)$/iu;
/** Clause ends: sentence punctuation, semicolons, table cell bars, 3+ spaces (ASCII columns), "but". */
const BREAK =
  /[;；。！？|]|[.!?](?=\s|$)|\s{3,}|[,，]?\s+(?:but|however|pero|sin embargo|mas|porém|mais|cependant|aber|jedoch|ma|però|но|однако)\s+|[,，]?(?:但是|但|不过|ただし|しかし|하지만|그러나)/giu;

/** Stands for a code span: not a word, not a space, not a separator. */
export const CODE_PLACEHOLDER = "\uE000";

/** A line without emphasis marks, each code span reduced to CODE_PLACEHOLDER. */
export function cleanLine(text: string): string {
  return text.replace(CODE_SPAN, CODE_PLACEHOLDER).replace(EMPHASIS, "");
}

/** The clauses of a cleaned line, as [start, end) spans. */
export function clauseSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  BREAK.lastIndex = 0;
  for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) {
    if (m[0] === "." && ABBREVIATION.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    if (m.index > start) spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

export interface BracketPair {
  open: number;
  /** Index of the closing bracket, or the clause's length when it never closes. */
  close: number;
}

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "（": "）", "【": "】", "「": "」" };
const CLOSERS = new Set(Object.values(OPENERS));

/** Bracket pairs of a clause, outermost first by position. */
export function bracketPairs(clause: string): BracketPair[] {
  const pairs: BracketPair[] = [];
  const stack: { open: number; closer: string }[] = [];
  for (let i = 0; i < clause.length; i++) {
    const ch = clause[i] as string;
    const closer = OPENERS[ch];
    if (closer) stack.push({ open: i, closer });
    else if (CLOSERS.has(ch)) {
      const top = stack[stack.length - 1];
      if (top && top.closer === ch) {
        stack.pop();
        pairs.push({ open: top.open, close: i });
      }
    }
  }
  for (const rest of stack) pairs.push({ open: rest.open, close: clause.length });
  return pairs.sort((a, b) => a.open - b.open);
}

/** The innermost bracket pair around position `at`, or null at the top level. */
export function enclosing(pairs: readonly BracketPair[], at: number): BracketPair | null {
  let best: BracketPair | null = null;
  for (const p of pairs) if (p.open < at && at < p.close && (best === null || p.open > best.open)) best = p;
  return best;
}

const PARENTHETICAL = /\([^()]*\)|（[^（）]*）|\[[^[\]]*\]/g;
const BRACKET_CHARS = /[()[\]{}（）【】「」]/g;

/** `text` without bracketed asides and bracket characters: what stands between two operands. */
export function withoutAsides(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    const next = out.replace(PARENTHETICAL, " ");
    if (next === out) break;
    out = next;
  }
  return out.replace(BRACKET_CHARS, " ");
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** How many words `text` holds; two CJK characters count as one word. */
export function wordCount(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, " ").match(WORD)?.length ?? 0;
  return rest + Math.ceil(cjk / 2);
}
