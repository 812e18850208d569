/**
 * Task ids in free text: `T` ids in the forms real lists write ("T001", "T003a", "T021B",
 * "T050-alt", "T-014", "TASK-007") and, in lists whose tasks are numbered, numbered ids ("1.2",
 * "task 9"). Finds ids, id ranges ("T004-T007", "T001–T005", "T009..T015", "3.1–3.3") and open
 * ranges ("T030+"), and expands ranges over the known ids.
 */

export const TASK_ID_SOURCE = "T\\d+[a-z]?";

/** One id, a range of ids, or an open range ("T030+": T030 and every later task) as written in text. */
export type IdReference =
  { kind: "id"; id: string } | { kind: "range"; from: string; to: string } | { kind: "open"; from: string };

/** An id reference and where it sits in the text it was found in. */
export type PlacedReference = IdReference & { start: number; end: number };

const T_ID = "(?:TASK-\\d+|T-\\d+|T\\d+(?:[a-zA-Z](?![a-zA-Z]))?(?:-[a-z][a-z0-9]*)?)";
/** Numbers that name something else: "req 3.1", "Bug 1.4", "Phase 2.1", "v1.2", "AC-001". */
const caseless = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const OTHER_NUMBERS = [
  "reqs?",
  "requirements?",
  "bugs?",
  "property",
  "prop",
  "ac",
  "fr",
  "nfr",
  "sc",
  "sections?",
  "steps?",
  "phases?",
  "fase",
  "stage",
  "version",
  "v",
];
const NOT_A_TASK = `(?<!\\b(?:${OTHER_NUMBERS.map(caseless).join("|")}|§)\\.?[\\s-]{0,2})`;
const NUMBERED_ID = `${NOT_A_TASK}(?:(?<=\\b[Tt]asks?\\s{1,3})\\d+(?:\\.\\d+)*|\\d+(?:\\.\\d+)+)`;
const RANGE_TAIL = "\\s*(?:-|–|—|\\.\\.\\.?|~|〜|～|through|thru)\\s*";

function referencePattern(id: string): RegExp {
  const one = `(?<![A-Za-z0-9_.])(${id})(?![A-Za-z0-9_]|\\.\\d)`;
  return new RegExp(`${one}(?:${RANGE_TAIL}(${id})(?![A-Za-z0-9_]|\\.\\d)|(\\+)(?![\\sT\\d]*T\\d))?`, "g");
}

const REFERENCE = referencePattern(T_ID);
const REFERENCE_WITH_NUMBERS = referencePattern(`${T_ID}|${NUMBERED_ID}`);

/**
 * Ids and ranges named in `text`, in order, with their positions. `numbered`: the list's tasks
 * have numbered ids, so "1.2" and "task 9" are ids too.
 */
export function findPlacedReferences(text: string, numbered = false): PlacedReference[] {
  const refs: PlacedReference[] = [];
  const pattern = numbered ? REFERENCE_WITH_NUMBERS : REFERENCE;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const from = m[1] as string;
    const place = { start: m.index, end: m.index + m[0].length };
    if (m[2]) refs.push({ kind: "range", from, to: m[2], ...place });
    else if (m[3]) refs.push({ kind: "open", from, ...place });
    else refs.push({ kind: "id", id: from, ...place });
  }
  return refs;
}

/** Ids and ranges named in `text`, in order. */
export function findIdReferences(text: string): IdReference[] {
  return findPlacedReferences(text).map(({ start: _s, end: _e, ...ref }) => ref);
}

export interface IdKey {
  num: number;
  suffix: string;
}

/** Sort key: the number, then the rest ("T003a" after "T003"); a numbered id "2.3" as 2 then ".0003". */
export function idKey(id: string): IdKey {
  const t = /^(?:TASK-|T-?)(\d+)(.*)$/.exec(id);
  if (t) return { num: Number(t[1]), suffix: t[2] ?? "" };
  const n = /^(\d+)((?:\.\d+)*)$/.exec(id);
  if (n)
    return {
      num: Number(n[1]),
      suffix: (n[2] ?? "")
        .split(".")
        .slice(1)
        .map((p) => `.${p.padStart(6, "0")}`)
        .join(""),
    };
  return { num: Number.NaN, suffix: id };
}

export function compareIdKeys(a: IdKey, b: IdKey): number {
  if (a.num !== b.num) return a.num - b.num;
  return a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0;
}

/** Sorted view of the known ids, for expanding ranges. */
export class IdIndex {
  private readonly sorted: { key: IdKey; id: string }[];
  private readonly known: Set<string>;

  constructor(ids: Iterable<string>) {
    this.known = new Set(ids);
    this.sorted = [...this.known].map((id) => ({ key: idKey(id), id })).sort((a, b) => compareIdKeys(a.key, b.key));
  }

  has(id: string): boolean {
    return this.known.has(id);
  }

  /** The known ids from `from` on (an open range "T030+"). */
  from(from: string): string[] {
    const last = this.sorted[this.sorted.length - 1];
    return last && compareIdKeys(idKey(from), last.key) <= 0 ? this.expand(from, last.id) : [];
  }

  /**
   * The known ids between `from` and `to` inclusive, numerically ("T003a" sits between T003 and
   * T004; an end "T031" also takes in "T031a", "T031b"). Reversed ranges are read forwards.
   */
  expand(from: string, to: string): string[] {
    let lo = idKey(from);
    let hi = idKey(to);
    if (compareIdKeys(lo, hi) > 0) [lo, hi] = [hi, lo];
    const hiInclusive =
      hi.suffix === "" || hi.suffix.startsWith(".") ? { num: hi.num, suffix: `${hi.suffix}\uffff` } : hi;
    let first = 0;
    let last = this.sorted.length;
    while (first < last) {
      const mid = (first + last) >> 1;
      if (compareIdKeys((this.sorted[mid] as { key: IdKey }).key, lo) < 0) first = mid + 1;
      else last = mid;
    }
    const out: string[] = [];
    for (let i = first; i < this.sorted.length; i++) {
      const entry = this.sorted[i] as { key: IdKey; id: string };
      if (compareIdKeys(entry.key, hiInclusive) > 0) break;
      out.push(entry.id);
    }
    return out;
  }
}
