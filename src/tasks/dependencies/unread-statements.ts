/**
 * The net under the dependency grammar: lines that look like they relate tasks but from which
 * no dependency was read ("unread statements"). It needs no language: a line is a candidate when
 * it names two or more parties, a party being a task id (or a range of them) other than the
 * line's own task, or a phase, story or work package that is not simply the home of the tasks
 * the line names. A line the grammar read something from, or already reported on, is never
 * flagged; neither is a `[P]` group listed as a parallel example, a task line listing its own
 * sub-tasks, a label or table-of-contents line naming a group with its own ids, nor a
 * requirements field. Each flagged line becomes one `unread-dependency` warning: it never holds a
 * task back (only errors do, see {@link heldTasks}), it only makes the miss visible.
 */
import type { Diagnostic, Phase, Task } from "../model.js";
import { findPlacedReferences, IdIndex, type PlacedReference } from "../lines/task-ids.js";
import { phasesNamed } from "../structure/phase-names.js";
import { cleanLine } from "./statement-clauses.js";
import type { PlacedSegment, ResolvedDependencies } from "./dependencies.js";

/** What the net needs from a parsed list, beside its text segments. */
export interface NetInput {
  tasks: readonly Task[];
  phases: readonly Phase[];
  segments: readonly PlacedSegment[];
  /** Lines the grammar read a dependency from (task, group or stated phase edges), with the tasks it related there. */
  readLines: ReadonlyMap<number, ReadonlySet<string>>;
  /** Lines that already carry a dependency diagnostic (unknown id, self-dependency, ambiguous…). */
  reportedLines: ReadonlySet<number>;
}

/** One party a line names: the task ids it stands for and how it was written. */
export interface Party {
  text: string;
  ids: string[];
  kind: "task" | "range" | "name" | "owner" | "section";
}

/** The net's reading of one line. */
export interface LineReading {
  line: number;
  /** The parties the line relates, after labels and memberships are folded in. */
  parties: Party[];
  /** Every task id the line stands for (its own task and its sections included), for scoring. */
  ids: Set<string>;
  flagged: boolean;
  /** When the grammar read part of the line: the ids it names one by one that no dependency read there used. */
  unread?: string[];
}

/** "Phase 3", "Fase 2", "フェーズ1", "US1", "User Story 2", "Historia 3", "WP01". */
const NAME =
  /(?:\b(?:phase|fase|étape|etapa|stage|этап|фаза)|フェーズ|阶段|階段|단계)\s*\d+(?:\.\d+)?|\b(?:US|HU)[-\s]?\d+\b|(?:\buser\s+stor(?:y|ies)|\bhistoria(?:\s+de\s+usuario)?|\bhistória|\bhistoire|\bистория|ユーザーストーリー|用户故事|사용자\s*스토리)\s*\d+|\bWP\s?\d+\b/giu;
/** Words that say the ids run side by side (any of the languages the lists use). */
const PARALLEL =
  /parallel|paralel|parallèle|simultan|concurren|together|at the same time|juntos|juntas|ensemble|gleichzeitig|insieme|параллельн|одновременно|並列|并行|並行|同時|同时|병렬|동시/iu;
/** A field that lists requirement or acceptance numbers, not tasks ("_Requirements: 1.2, 3.1_"). */
const REQUIREMENT_FIELD =
  /^[\s>*+-]*_?\s*(?:\*\*)?(?:requirements?|reqs?|validates|requisitos?|exigences|anforderungen|requisiti|требования|要件|対応要件|需求|المتطلبات|acceptance|criteria|refs?|references?)(?![\p{L}])[^:：]{0,30}[:：]/iu;
/** Nothing but ids, separators, list marks, checkmarks and emphasis. */
const IDS_ONLY = /^[\s\p{P}\p{S}]*$/u;

/** The lines from which no dependency was read though they relate tasks, as warnings. */
export function unreadStatements(input: NetInput): Diagnostic[] {
  return readLines(input)
    .filter((r) => r.flagged)
    .map((r) => ({
      severity: "warning" as const,
      code: "unread-dependency" as const,
      line: r.line,
      message:
        r.unread === undefined
          ? `this line names ${describeParties(r.parties)} but tasksync read no dependency from it; if it states one, write it as "T002 depends on T001" or "Depends on: T001"`
          : `tasksync read only part of this line: ${listed(r.unread)} take${r.unread.length === 1 ? "s" : ""} part in no dependency read from it; if the line states one for ${r.unread.length === 1 ? "it" : "them"}, write it as "T002 depends on T001"`,
    }));
}

function describeParties(parties: readonly Party[]): string {
  return listed(parties.map((p) => p.text));
}

function listed(names: readonly string[]): string {
  const shown = names.length <= 4 ? names : [...names.slice(0, 3), `${names.length - 3} more`];
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** How the net reads every line of text the parser handed over (exported for scoring the net). */
export function readLines(input: NetInput): LineReading[] {
  const { tasks, phases, segments } = input;
  const numbered = tasks.some((t) => /^\d/.test(t.id));
  const index = new IdIndex(tasks.map((t) => t.id));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const taskAtLine = new Map<number, Task>();
  for (const t of tasks) if (!taskAtLine.has(t.line)) taskAtLine.set(t.line, t);
  const headingLines = segments.filter((s) => s.kind === "heading").map((s) => s.line);

  const out: LineReading[] = [];
  const seen = new Set<number>();
  for (const segment of segments) {
    if (seen.has(segment.line)) continue;
    seen.add(segment.line);
    const text = cleanLine(segment.text);
    const ownerId = segment.owner ?? (segment.kind === "table-row" ? (taskAtLine.get(segment.line)?.id ?? null) : null);
    const owner = ownerId === null ? undefined : byId.get(ownerId);
    const own = owner ? ownFamily(owner, tasks) : new Set<string>();
    const field = REQUIREMENT_FIELD.test(text) || (owner !== undefined && listsRequirements(text, owner));
    const refs = field ? [] : findPlacedReferences(text, numbered);
    const parties = listGroups(text, refs, index, own);
    const names = namesIn(text, phases, tasks);
    const home: Party[] = [];
    if (owner) home.push({ text: owner.id, ids: [owner.id], kind: "owner" });
    if (segment.kind === "heading") {
      const next = headingLines.find((l) => l > segment.line) ?? Number.POSITIVE_INFINITY;
      const phase = phases.find((p) => p.line === segment.line);
      const under = phase
        ? phase.taskIds
        : tasks.filter((t) => t.line > segment.line && t.line < next).map((t) => t.id);
      if (under.length > 0) home.push({ text: "this section", ids: under, kind: "section" });
    }
    const folded = fold([...home, ...names], parties);
    const ids = new Set([...home, ...names, ...parties].flatMap((p) => p.ids));
    const read = input.readLines.get(segment.line);
    const statement =
      !input.reportedLines.has(segment.line) &&
      countsAsStatement(folded, parties, names, text, refs, byId, segment.kind === "code");
    // Read in part ("T005 dépend de T004, T006 de T005" read as T004 → T005 only): the ids it left out.
    const left =
      read && statement
        ? unreadIds(refs, index, own, read).filter((id) => !(PARALLEL.test(text) && byId.get(id)?.parallel === true))
        : [];
    const flagged = statement && (read === undefined || left.length > 0);
    out.push({ line: segment.line, parties: folded, ids, flagged, ...(read ? { unread: left } : {}) });
  }
  return out;
}

/** A task, its sub-tasks (by parent or by id prefix: "T010a", "3.1" under "3") and its parent chain. */
function ownFamily(owner: Task, tasks: readonly Task[]): Set<string> {
  const family = new Set([owner.id]);
  for (const t of tasks) {
    if (t.id === owner.id) continue;
    const sub = t.parentId === owner.id || (t.id.startsWith(owner.id) && /^[a-z.]/i.test(t.id.slice(owner.id.length)));
    if (sub && !/^\d/.test(t.id.slice(owner.id.length))) family.add(t.id);
  }
  for (let p = owner.parentId; p !== null; p = tasks.find((t) => t.id === p)?.parentId ?? null) {
    if (family.has(p)) break;
    family.add(p);
  }
  return family;
}

function resolveRef(ref: PlacedReference, index: IdIndex): string[] {
  if (ref.kind === "id") return index.has(ref.id) ? [ref.id] : [];
  if (ref.kind === "open") return index.from(ref.from);
  return index.expand(ref.from, ref.to);
}

/** The phases, stories and work packages a line names, each with its tasks. */
function namesIn(text: string, phases: readonly Phase[], tasks: readonly Task[]): Party[] {
  const out: Party[] = [];
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m !== null; m = NAME.exec(text)) {
    const name = m[0];
    const ids = new Set(phasesNamed(name, phases).flatMap((p) => phases[p]?.taskIds ?? []));
    const story = /^(?:US|HU)[-\s]?0*(\d+)$/i.exec(name) ?? /(\d+)$/.exec(name);
    if (story && /^(?:US|HU)|stor|histor|истор|ストーリー|故事|스토리/iu.test(name))
      for (const t of tasks) if (t.story === `US${Number(story[1])}`) ids.add(t.id);
    // a name the list has no tasks for ("HU-011" as a tag, a phase not written yet) relates nothing
    if (ids.size > 0) out.push({ text: name, ids: [...ids], kind: "name" });
  }
  return out;
}

/**
 * The parties a line relates: an id inside a named group or the line's own section folds into it
 * ("Phase 3 (T012–T020)", "### Phase 2: Foundational (T004-T010)", "T012 [US1] …"), and names of
 * one group fold together ("Phase 3: User Story 1"), so a label or a table of contents names one
 * party, not several.
 */
function fold(homes: readonly Party[], refs: readonly Party[]): Party[] {
  const within = (p: Party, h: Party): boolean => {
    const set = new Set(h.ids);
    return p.ids.length > 0 && p.ids.every((id) => set.has(id));
  };
  const groups: Party[] = [];
  for (const h of homes) {
    const same = groups.findIndex((g) => within(h, g) || within(g, h));
    if (same === -1) groups.push(h);
    else if (within(groups[same] as Party, h) && h.kind !== "name") groups[same] = h;
  }
  const holders = groups.filter((g) => g.ids.length > 0);
  return [...groups, ...refs.filter((r) => !holders.some((h) => within(r, h)))];
}

function countsAsStatement(
  parties: readonly Party[],
  refs: readonly Party[],
  names: readonly Party[],
  text: string,
  placed: readonly PlacedReference[],
  byId: ReadonlyMap<string, Task>,
  inCode: boolean,
): boolean {
  if (parties.length < 2) return false;
  // Names alone ("US1 → US2 → US3", "WP02 can run in parallel with WP01") relate phases, not tasks.
  if (!parties.some((p) => p.kind === "task" || p.kind === "range" || p.kind === "owner")) return false;
  // A [P] group given as a parallel example: only [P] tasks, no named group, and the line says so
  // (or says nothing else, or sits in an example block).
  const ids = refs.flatMap((r) => r.ids);
  if (names.length === 0 && ids.length > 1 && parties.every((p) => p.kind === "task" || p.kind === "range")) {
    const allParallel = ids.every((id) => byId.get(id)?.parallel === true);
    if (allParallel && (PARALLEL.test(text) || inCode || idsOnly(text, placed))) return false;
  }
  return true;
}

function idsOnly(text: string, placed: readonly PlacedReference[]): boolean {
  let rest = text;
  for (const r of [...placed].reverse()) rest = rest.slice(0, r.start) + rest.slice(r.end);
  return IDS_ONLY.test(rest.replace(/\[[ xX]\]/g, "").replace(/\b(?:and|or|y|e|et|und|и)\b/giu, ""));
}

/** Dependency diagnostics that already speak for their line: the net stays quiet there. */
const DEPENDENCY_CODES = new Set(["unknown-dependency", "self-dependency", "ambiguous-dependency", "dependency-cycle"]);

/** The net's input from what the grammar resolved: which lines it read and which it reported on. */
export function netInput(
  tasks: readonly Task[],
  phases: readonly Phase[],
  segments: readonly PlacedSegment[],
  resolved: Pick<ResolvedDependencies, "taskEdges" | "groupEdges" | "phaseEdges" | "diagnostics" | "readLines">,
): NetInput {
  const readLines = new Map<number, Set<string>>();
  const note = (line: number, ...ids: string[]): void => {
    readLines.set(line, new Set([...(readLines.get(line) ?? []), ...ids]));
  };
  for (const [line, ids] of resolved.readLines) note(line, ...ids);
  for (const e of resolved.taskEdges) if (e.source === "explicit") note(e.line, e.from, e.to);
  for (const g of resolved.groupEdges) note(g.line, ...g.blockers, ...g.blocked);
  for (const e of resolved.phaseEdges) if (e.source === "explicit") note(e.line);
  const reportedLines = new Set(resolved.diagnostics.filter((d) => DEPENDENCY_CODES.has(d.code)).map((d) => d.line));
  return { tasks, phases, segments, readLines, reportedLines };
}

/** Between two ids of one list: separators, "and"/"or" words, and asides such as "[P]" or "(model)". */
const LIST_GAP =
  /^(?:[\s,，、/+&·|]|\[[^\]]*\]|\([^()]*\)|（[^（）]*）|\b(?:and|or|e|y|et|ou|o|und|oder|ed|и|или|та|і)\b|和|与|及|或|や|と|및|와|과|و|أو)*$/iu;

/** The line's ids as groups: ids joined only by list separators are one party ("T004, T005 and T006"). */
function listGroups(text: string, refs: readonly PlacedReference[], index: IdIndex, own: ReadonlySet<string>): Party[] {
  const out: Party[] = [];
  let open: { party: Party; end: number } | null = null;
  for (const ref of refs) {
    const ids = resolveRef(ref, index).filter((id) => !own.has(id));
    if (ids.length === 0) continue;
    const written = text.slice(ref.start, ref.end);
    if (open && LIST_GAP.test(text.slice(open.end, ref.start))) {
      open.party.ids.push(...ids);
      open.party.text = `${open.party.text}${text.slice(open.end, ref.start)}${written}`;
      open.end = ref.end;
      continue;
    }
    open = { party: { text: written, ids: [...ids], kind: ref.kind === "id" ? "task" : "range" }, end: ref.end };
    out.push(open.party);
  }
  return out;
}

/** A field that lists exactly the task's requirement numbers, whatever its label's language. */
function listsRequirements(text: string, owner: Task): boolean {
  if (owner.requirements.length === 0) return false;
  const numbers = text.match(/\d+(?:\.\d+)+/g) ?? [];
  return numbers.length > 0 && numbers.every((n) => owner.requirements.includes(n));
}

/** The ids a line names one by one (not through a range) that took part in nothing read from it. */
function unreadIds(
  refs: readonly PlacedReference[],
  index: IdIndex,
  own: ReadonlySet<string>,
  read: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const ref of refs)
    // a bare number in a numbered list ("1.5 hours") is too often not a task to report alone
    if (ref.kind === "id" && /^\D/.test(ref.id) && index.has(ref.id) && !own.has(ref.id) && !read.has(ref.id))
      if (!out.includes(ref.id)) out.push(ref.id);
  return out;
}
