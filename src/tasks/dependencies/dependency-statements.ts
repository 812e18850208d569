/**
 * Explicit dependency statements in one line of text. The grammar: inside one clause, a relation
 * word from relation-words.ts with an id group right beside it on each side ("T002 depends on
 * T001", "Tests (T004-T007) before implementation (T008-T014)", "T001 → T002 → {T003, T004}",
 * "T011 зависит от T004+T010", "T018依赖T017"). A side with no id is the task whose text holds
 * the statement when there is one ("(depends on T008)", "Dependencies: T002"), a name ("Types",
 * "Phase 2", "US1") resolved later, or nothing. Anything less plain gives no statement.
 */
import {
  ALL_LATER,
  compileRelations,
  NEGATIONS,
  PAIRWISE,
  PRONOUN,
  SEQUENTIAL,
  STRICT_FILLERS,
  WORKAROUND,
  type RelationWord,
} from "./relation-words.js";
import {
  bracketPairs,
  clauseSpans,
  cleanLine,
  enclosing,
  withoutAsides,
  wordCount,
  type BracketPair,
} from "./statement-clauses.js";
import { findPlacedReferences, type IdReference, type PlacedReference } from "../lines/task-ids.js";

/** Where a piece of text sits in the task list; the parser hands these to resolveDependencies. */
export type SegmentKind = "task" | "detail" | "heading" | "table-row" | "prose" | "code";

export interface TextSegment {
  /** 1-based line. */
  line: number;
  text: string;
  /** The task whose line or details hold the text, else null. */
  owner: string | null;
  kind: SegmentKind;
}

/** Names that stand for where the statement sits: the phase whose section holds it, the tasks under its heading. */
export const HERE_PHASE = "";
export const HERE_HEADING = "\u0000heading";
/** Every task written after the other side's last task. */
export const ALL_LATER_TASKS = "\u0000later";

/** One side of a statement: ids, or (when it names none) the words that may name a phase or group. */
export interface Operand {
  refs: IdReference[];
  name: string | null;
  /** Ids a phase label listed ("Phase 2 (T005–T007)"): taken only when the name designates no phase. */
  fallback?: IdReference[];
}

interface StatementBase {
  /** 1-based line of the statement. */
  line: number;
  /** The task whose text holds the statement (task line or its details), else null (prose). */
  owner: string | null;
}

/** Every `blocked` id waits for every `blockers` id (pairwise: the i-th for the i-th); or `ids` run in order. */
export type DependencyStatement =
  | (StatementBase & { kind: "blocks"; blocked: Operand; blockers: Operand; pairwise: boolean })
  | (StatementBase & { kind: "sequence"; ids: IdReference[] });

const { pattern: RELATION, rows: ROWS, quick: QUICK_CHECK } = compileRelations();
const SEPARATOR =
  /^[\s,，、،/+&∥║·:]*(?:(?:and|or|e|y|et|und|и|или|ed|o|ou|va|và|hoặc|ve|veya|dan|atau|i|oraz|lub|en|of|і|та|و|和|与|及|以及|와|과|및)[\s,，、،/+&]*)?$/iu;
/** The kind of list a separator makes: a group keeps one kind ("T002 + T004 + T009, T010 …" is two groups). */
const separatorKind = (text: string): string =>
  /\+/.test(text) ? "+" : /[∥║]/.test(text) ? "∥" : /\//.test(text) ? "/" : ",";
const MAX_GAP = 4;
const MAYBE_SEQUENTIAL =
  /sequen|secuen|séquen|nacheinander|последов|послідов|sırayla|sıralı|berurutan|kolejno|sekwenc|opeenvolgend|tuần tự|lần lượt|بالت|顺序|串行|依次|順番|逐次|順次|直列|순차/i;

interface Found {
  row: RelationWord;
  start: number;
  end: number;
  scope: BracketPair | null;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the rest pattern drops the position fields
const strip = ({ start: _s, end: _e, ...ref }: PlacedReference): IdReference => ref;

/**
 * The dependency statements in one segment of text. `numbered`: the list's tasks have numbered
 * ids ("1.2"), so numbers name tasks too.
 */
export function extractStatements(segment: TextSegment, numbered = false): DependencyStatement[] {
  if (!QUICK_CHECK.test(segment.text) && !MAYBE_SEQUENTIAL.test(segment.text)) return [];
  const text = cleanLine(segment.text);
  const out: DependencyStatement[] = [];
  const context: LineContext = { workaround: WORKAROUND.test(text), antecedent: null };
  for (const [from, to] of clauseSpans(text))
    out.push(...clauseStatements(text.slice(from, to), segment, numbered, context));
  return out;
}

/** What one clause of a line leaves for the next: the task a pronoun points back to. */
interface LineContext {
  /** The line is a workaround note ("until then pass null"): its words do not make its task wait. */
  workaround: boolean;
  /** The first id group of the last clause that named ids ("T006 is a manual gate; T007 depends on it"). */
  antecedent: IdReference[] | null;
}

/** Bare numbers after a field label in a numbered list ("_Depends: 1, 2.1_"): the parent tasks they name. */
const BARE_NUMBER = /(?<![\d.\p{L}])\d{1,4}(?![\d.]*\d|[\p{L}])/gu;
const ONLY_NUMBERS = /^[\s\d.,，、;&+/]+$/u;

function fieldNumbers(clause: string, refs: PlacedReference[], at: number): PlacedReference[] {
  const rest = clause.slice(at);
  if (!ONLY_NUMBERS.test(rest)) return refs;
  const added: PlacedReference[] = [];
  BARE_NUMBER.lastIndex = 0;
  for (let m = BARE_NUMBER.exec(rest); m !== null; m = BARE_NUMBER.exec(rest)) {
    const start = at + m.index;
    const end = start + m[0].length;
    if (!refs.some((r) => r.start < end && start < r.end)) added.push({ kind: "id", id: m[0], start, end });
  }
  return added.length === 0 ? refs : [...refs, ...added].sort((a, b) => a.start - b.start);
}

/** The preposition a relation word ends with ("depends on", "dépend de"): an elliptical clause repeats it. */
const TRAILING_PREPOSITION = /\s(on|upon|of|de|du|des|da|dal|von|от|від|od|van|on)$/iu;

/**
 * "T005 dépend de T004, T006 de T005": after the statement, an id, the relation's preposition and an id
 * make another statement in the same direction. Returns the pairs and where the first one starts.
 */
function ellipses(
  clause: string,
  rel: Found,
  refs: PlacedReference[],
  hi: number,
): { pairs: [number, number][]; start: number } {
  const prep = TRAILING_PREPOSITION.exec(clause.slice(rel.start, rel.end))?.[1];
  const pairs: [number, number][] = [];
  if (!prep) return { pairs, start: hi };
  const between = new RegExp(`^\\s+${prep}\\s+$`, "iu");
  for (let k = 0; k + 1 < refs.length; k++) {
    const a = refs[k] as PlacedReference;
    const b = refs[k + 1] as PlacedReference;
    if (a.start < rel.end || b.end > hi) continue;
    const before = clause.slice(refs[k - 1]?.end ?? rel.end, a.start);
    if (/[,，、]/u.test(before) && between.test(withoutAsides(clause.slice(a.end, b.start)))) pairs.push([k, k + 1]);
  }
  const first = pairs[0];
  return { pairs, start: first ? (refs[first[0]] as PlacedReference).start : hi };
}

function clauseStatements(
  clause: string,
  segment: TextSegment,
  numbered: boolean,
  context: LineContext,
): DependencyStatement[] {
  const { line, owner } = segment;
  let refs = findPlacedReferences(clause, numbered).filter(
    (r) => !(segment.kind === "task" && r.kind === "id" && r.id === owner && r.start < 12),
  );
  const pairs = bracketPairs(clause);
  const found: Found[] = [];
  RELATION.lastIndex = 0;
  for (let m = RELATION.exec(clause); m !== null; m = RELATION.exec(clause)) {
    const group = m.slice(1).findIndex((g) => g !== undefined);
    const row = ROWS[group] as RelationWord;
    if (segment.kind === "code" && row.lang !== "*") continue;
    found.push({ row, start: m.index, end: m.index + m[0].length, scope: enclosing(pairs, m.index) });
  }
  if (numbered) for (const rel of found) if (rel.row.field) refs = fieldNumbers(clause, refs, rel.end);
  const antecedent = context.antecedent;
  if (refs.length > 0) context.antecedent = [strip(refs[0] as PlacedReference)];
  const out: DependencyStatement[] = [];
  found.forEach((rel, i) => {
    const same = (f: Found): boolean => f.scope === rel.scope;
    const previous = found.slice(0, i).reverse().find(same);
    const next = found.slice(i + 1).find(same);
    const lo = Math.max(rel.scope ? rel.scope.open + 1 : 0, previous ? previous.end : 0);
    const end = Math.min(rel.scope ? rel.scope.close : clause.length, next ? next.start : clause.length);
    if (NEGATIONS.test(clause.slice(lo, rel.start))) return;
    const elliptical = ellipses(clause, rel, refs, end);
    const hi = elliptical.start;
    const leftRefs = refs.filter((r) => r.start >= lo && r.end <= rel.start);
    const rightRefs = refs.filter((r) => r.start >= rel.end && r.end <= hi);
    const back = leftRefs.length > 0 ? refs.filter((r) => r.end <= leftRefs[0]!.start) : [];
    const pointsBack = back.length > 0 ? [strip(back[0] as PlacedReference)] : antecedent;
    const statement = relate(clause, rel, leftRefs, rightRefs, lo, hi, segment, refs, {
      workaround: context.workaround,
      antecedent: pointsBack,
    });
    if (statement) out.push({ ...statement, line, owner });
    for (const [a, b] of elliptical.pairs) {
      const subject: Operand = { refs: [strip(refs[a] as PlacedReference)], name: null };
      const object: Operand = { refs: [strip(refs[b] as PlacedReference)], name: null };
      const [blocked, blockers] = rel.row.direction === "waits" ? [subject, object] : [object, subject];
      out.push({ kind: "blocks", blocked, blockers, pairwise: false, line, owner });
    }
  });
  const sequence = sequenceOf(clause, refs);
  if (sequence) out.push({ kind: "sequence", line, owner, ids: sequence });
  return out;
}

function relate(
  clause: string,
  rel: Found,
  leftRefs: PlacedReference[],
  rightRefs: PlacedReference[],
  lo: number,
  hi: number,
  segment: TextSegment,
  all: PlacedReference[],
  context: { workaround: boolean; antecedent: IdReference[] | null },
): Omit<Extract<DependencyStatement, { kind: "blocks" }>, "line" | "owner"> | null {
  const { row } = rel;
  // A task's own text saying "(depends on T008)" or "after T004" makes the task wait; "before the RPC
  // (task 5)" or "→ render X (task 14)" there describes steps inside the task, not an order between tasks.
  const ownerOperand: Operand | null =
    segment.owner !== null &&
    !context.workaround &&
    !row.strict &&
    (row.direction === "waits" || row.object === "before")
      ? { refs: [{ kind: "id", id: segment.owner }], name: null }
      : null;
  const pairwise = PAIRWISE.test(clause.slice(rel.end, hi));
  if (row.object === "before") {
    // "T005, T004'e bağlı": a case suffix marks the object; ids without one belong to the subject.
    const suffixed = (r: PlacedReference): boolean => /^['’]\p{L}/u.test(clause.slice(r.end));
    let tail = leftRefs.length;
    if (tail > 0 && suffixed(leftRefs[tail - 1]!)) while (tail > 1 && suffixed(leftRefs[tail - 2]!)) tail--;
    else tail = 0;
    const object = groupBefore(clause, leftRefs.slice(tail > 0 ? tail - 1 : 0), rel.start, 1, false);
    if (!object) return null;
    const rest = leftRefs.slice(0, leftRefs.length - object.refs.length);
    const before = groupBefore(clause, rest, object.start, 2, false);
    const subject: Operand | null =
      groupAfter(clause, rightRefs, rel.end, MAX_GAP, false) ??
      (before ? { refs: before.refs, name: null } : ownerOperand);
    if (!subject) return null;
    const operand: Operand = { refs: object.refs, name: null };
    return row.direction === "waits"
      ? { kind: "blocks", blocked: subject, blockers: operand, pairwise }
      : { kind: "blocks", blocked: operand, blockers: subject, pairwise };
  }
  let left: Operand | null = null;
  if (row.field && segment.owner !== null) left = ownerOperand;
  else {
    const near = groupBefore(clause, leftRefs, rel.start, row.strict ? 2 : MAX_GAP, row.strict === true);
    if (near) left = { refs: near.refs, name: null };
    else if (rel.scope && leftRefs.length === 0 && segment.owner === null) {
      const outside = all.filter((r) => r.end <= rel.scope!.open);
      const before = groupBefore(clause, outside, rel.scope.open, 1, false);
      if (before) left = { refs: before.refs, name: null };
    }
    left ??= labelledName(clause.slice(lo, rel.start), leftRefs, false);
    if (!left && leftRefs.length === 0)
      left =
        ownerOperand ?? (segment.owner === null ? nameBefore(clause.slice(lo, rel.start), row.strict ? 3 : 6) : null);
    else if (!left && !row.strict && (rel.scope !== null || row.field)) left = ownerOperand;
  }
  const pronoun = rightRefs.length === 0 && context.antecedent !== null && PRONOUN.test(clause.slice(rel.end, hi));
  const right = row.field
    ? rightRefs.length > 0 && wordCount(withoutAsides(clause.slice(rel.end, rightRefs[0]!.start))) <= MAX_GAP
      ? { refs: rightRefs.map(strip), name: null }
      : named(segment, clause.slice(rel.end, hi))
    : pronoun
      ? { refs: context.antecedent as IdReference[], name: null }
      : (labelledName(clause.slice(rel.end, hi), rightRefs, true) ??
        groupAfter(clause, rightRefs, rel.end, row.strict ? 2 : MAX_GAP, true) ??
        (rightRefs.length === 0 ? named(segment, clause.slice(rel.end, hi)) : null));
  const later = row.direction === "first" && rightRefs.length === 0 && ALL_LATER.test(clause.slice(rel.end, hi));
  if (later && left && left.refs.length > 0)
    return { kind: "blocks", blocked: { refs: [], name: ALL_LATER_TASKS }, blockers: left, pairwise: false };
  if (!left && right && segment.kind === "heading" && right.refs.length > 0) left = { refs: [], name: HERE_HEADING };
  // "| User Story 3 | Depends on User Story 2 |": a table row speaks for what its first cell names.
  if (!left && right && segment.kind === "table-row" && clause.slice(lo, rel.start).trim() === "") {
    const first = cleanLine(segment.text)
      .split("|")
      .map((c) => c.trim())
      .find((c) => c !== "");
    if (first !== undefined && first !== clause.trim() && (first.match(NAME_WORDS) ?? []).length <= 4)
      left = { refs: [], name: first };
  }
  if (
    !left &&
    right &&
    segment.kind === "prose" &&
    !/^\s/.test(segment.text) &&
    leftRefs.length === 0 &&
    clause
      .slice(lo, rel.start)
      .trim()
      .replace(/^[-*+]\s*/, "") === ""
  ) {
    left = { refs: [], name: HERE_PHASE };
  }
  if (!left || !right) return null;
  // Arrows relate ids only: "US1(P1) → US2(P2) → …" is a priority order, not a dependency.
  if ((segment.kind === "code" || row.lang === "*") && (left.refs.length === 0 || right.refs.length === 0)) return null;
  if (left.refs.length === 0 && right.refs.length === 0 && segment.kind !== "prose" && segment.kind !== "table-row")
    return null;
  return row.direction === "waits"
    ? { kind: "blocks", blocked: left, blockers: right, pairwise }
    : { kind: "blocks", blocked: right, blockers: left, pairwise };
}

interface Group {
  refs: IdReference[];
  start: number;
}

/** The id group ending right before `at` (at most `gap` words between), extended leftwards over list separators. */
function groupBefore(clause: string, refs: PlacedReference[], at: number, gap: number, strict: boolean): Group | null {
  const last = refs[refs.length - 1];
  if (!last) return null;
  const between = withoutAsides(clause.slice(last.end, at));
  if (wordCount(between) > gap || (strict && !STRICT_FILLERS.test(between))) return null;
  let first = refs.length - 1;
  let kind: string | null = null;
  while (first > 0) {
    const between = withoutAsides(clause.slice(refs[first - 1]!.end, refs[first]!.start));
    if (!SEPARATOR.test(between) || (kind !== null && separatorKind(between) !== kind)) break;
    kind = separatorKind(between);
    first--;
  }
  return { refs: refs.slice(first).map(strip), start: refs[first]!.start };
}

/** The id group starting right after `at`, extended over separators and labelled groups ("and components (T068-T081)"). */
function groupAfter(
  clause: string,
  refs: PlacedReference[],
  at: number,
  gap: number,
  labelled: boolean,
): Operand | null {
  const first = refs[0];
  if (!first || wordCount(withoutAsides(clause.slice(at, first.start))) > gap) return null;
  let last = 0;
  let kind: string | null = null;
  while (last + 1 < refs.length) {
    const raw = clause.slice(refs[last]!.end, refs[last + 1]!.start);
    const between = withoutAsides(raw);
    // "oRPC contracts (T009-T019) and components (T068-T081)", "migrations 3.1–3.3 and Edge Function 4.1"
    const label =
      labelled && /^[\s)]*(?:[,，、+&]|and\b|e\b|y\b|et\b|und\b|и\b|和|与)/iu.test(raw) && wordCount(between) <= 3;
    if (!SEPARATOR.test(between) && !label) break;
    if (kind !== null && separatorKind(between) !== kind) break;
    kind = separatorKind(between);
    last++;
  }
  return { refs: refs.slice(0, last + 1).map(strip), name: null };
}

const NAME_WORDS = /[\p{L}\p{N}][\p{L}\p{N}.'’_-]*/gu;

/** A phase, story or work package label with the ids it holds in brackets: "Phase 2 (T005–T007)". */
const PHASE_LABEL =
  /^\s*(?:[-*+]\s+)?((?:Phase|Fase|Étape|Etapa|Stage|Stufe|Step|User\s+Story|Story|US|WP|Giai\s+đoạn|Aşama|Faza|Этап|Фаза|フェーズ|阶段|階段|단계)\s*-?\s*\d+[a-z]?)\s*[(（]([^()（）]*)[)）]/iu;

/**
 * The label as a name when the ids beside it are only its bracket's content, so a statement between two
 * such labels stays a statement between phases; the bracket's ids are the fallback.
 */
function labelledName(text: string, refs: PlacedReference[], after: boolean): Operand | null {
  const m = PHASE_LABEL.exec(text);
  if (!m || refs.length === 0) return null;
  if (!after && text.slice(m[0].length).trim() !== "") return null;
  const inside = findPlacedReferences(m[2] as string);
  if (inside.length === 0) return null;
  return { refs: [], name: (m[1] as string).trim(), fallback: inside.map(strip) };
}

/** A short name right before a relation word ("Types block …", "US3 depends on …"). */
function nameBefore(text: string, max: number): Operand | null {
  const words = withoutAsides(text).match(NAME_WORDS) ?? [];
  if (words.length === 0 || words.length > max) return null;
  return { refs: [], name: text.trim().replace(/^[-*+]\s+/, "") };
}

/** A short name right after a relation word, up to a dash or comma ("… depends on Phase 1 only - …"). */
function named(segment: TextSegment, text: string): Operand | null {
  if (segment.owner !== null) return null;
  const [first = "", ...rest] = (text.split(/\s[-–—]\s|[:：]/u)[0] as string).split(/[,，、]/u);
  // "WP02 (FK fields), WP03 (…)": a comma goes on only to another name of the same kind.
  const more = rest.findIndex(
    (part) => !/^\s*(?:and\s+|e\s+|y\s+|и\s+)?(?:WP\s?\d|US\s?\d|User\s+Story\s+\d|Phase\s+\d|Fase\s+\d)/iu.test(part),
  );
  const head = [first, ...(more === -1 ? rest : rest.slice(0, more))].join(",");
  const words = withoutAsides(head).match(NAME_WORDS) ?? [];
  if (words.length === 0 || words.length > 6) return null;
  return { refs: [], name: head.trim() };
}

/** "T006-T009 (same file) must be sequential", "T005 + T006: … → sequential": the ids in order. */
function sequenceOf(clause: string, refs: PlacedReference[]): IdReference[] | null {
  const m = SEQUENTIAL.exec(clause);
  if (!m) return null;
  const group = groupBefore(
    clause,
    refs.filter((r) => r.end <= m.index),
    m.index,
    MAX_GAP,
    false,
  );
  if (!group) return null;
  return group.refs.length > 1 || group.refs.some((r) => r.kind !== "id") ? group.refs : null;
}
