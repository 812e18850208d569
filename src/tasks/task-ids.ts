/**
 * Task ids: `T` + digits + an optional lowercase suffix ("T001", "T01", "T003a"). Finding ids,
 * id ranges ("T004-T007", "T001–T005", "T009..T015") and open ranges ("T030+") in free text.
 */

export const TASK_ID_SOURCE = "T\\d+[a-z]?";

/** One id, a range of ids, or an open range ("T030+": T030 and every later task) as written in text. */
export type IdReference =
  | { kind: "id"; id: string }
  | { kind: "range"; from: string; to: string }
  | { kind: "open"; from: string };

/** An id reference and where it sits in the text it was found in. */
export type PlacedReference = IdReference & { start: number; end: number };

const REFERENCE =
  /(?<![A-Za-z0-9_])(T\d+[a-z]?)(?![A-Za-z0-9_])(?:\s*(?:-|–|—|\.\.\.?|~|〜|～|through|thru)\s*(T\d+[a-z]?)(?![A-Za-z0-9_])|(\+)(?![\sT\d]*T\d))?/g;

/** Ids and ranges named in `text`, in order, with their positions. */
export function findPlacedReferences(text: string): PlacedReference[] {
  const refs: PlacedReference[] = [];
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
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

export function idKey(id: string): IdKey {
  const m = /^T(\d+)([a-z]?)$/.exec(id);
  return m ? { num: Number(m[1]), suffix: m[2] ?? "" } : { num: Number.NaN, suffix: "" };
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
    const hiInclusive = hi.suffix === "" ? { num: hi.num, suffix: "\uffff" } : hi;
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
