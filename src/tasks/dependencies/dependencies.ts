/**
 * Dependencies: the statements found in the list's text resolved to task edges, group edges
 * (set-to-set statements too large to list pairwise) and stated phase edges; xe's structural
 * task edges; the phase edges (structural, replaced where the text speaks); and the diagnostics
 * for unknown ids, self-dependencies and cycles. Fills each task's `blockedBy`.
 *
 * Unknown ids: an error when the statement is in a task's own text (its line or details), a
 * warning when it is in prose (a Dependencies section, notes...).
 */
import { cycleDiagnostics } from "./dependency-cycles.js";
import {
  ALL_LATER_TASKS,
  extractStatements,
  HERE_HEADING,
  HERE_PHASE,
  type DependencyStatement,
  type Operand,
  type TextSegment,
} from "./dependency-statements.js";
import { ganttStatements } from "./mermaid-gantt.js";
import { commentStatements } from "./code-comments.js";
import type { DependencyEdge, Diagnostic, Dialect, GroupEdge, Phase, Task } from "../model.js";
import { phaseEdgesOf, PhaseStatements } from "./phase-edges.js";
import { labelKey, phasesNamed, readLabel } from "../structure/phase-names.js";
import { cleanLine } from "./statement-clauses.js";
import { IdIndex } from "../lines/task-ids.js";
import { xeStructuralEdges } from "./xe-order.js";

/** A segment of text, with the phase whose section holds it (null outside any phase). */
export type PlacedSegment = TextSegment & { phase: number | null };

export interface DependencyInput {
  dialect: Dialect;
  tasks: Task[];
  phases: Phase[];
  segments: PlacedSegment[];
}

export interface ResolvedDependencies {
  taskEdges: DependencyEdge[];
  groupEdges: GroupEdge[];
  phaseEdges: DependencyEdge[];
  diagnostics: Diagnostic[];
  /**
   * Every line a dependency was read from, with the tasks it related there, also when the same
   * edge was read on an earlier line (for the net, see {@link unreadStatements}).
   */
  readLines: Map<number, Set<string>>;
}

/** Above this many pairs (and with several tasks on each side) a statement stays one group edge. */
export const GROUP_EDGE_THRESHOLD = 50;

/** A line that is one bold statement, such as a phase's lead "**Hooks depend on T009-T019**". */
const BOLD_LINE = /^\s*\*\*[^*]+\*\*\s*$/;

interface Resolved {
  ids: string[];
  /** The phases a name designated, when the side was a name. */
  phases: number[];
}

export function resolveDependencies(input: DependencyInput): ResolvedDependencies {
  const { tasks, phases, segments } = input;
  const ids = new IdIndex(tasks.map((t) => t.id));
  const numbered = tasks.some((t) => /^\d/.test(t.id));
  const diagnostics: Diagnostic[] = [];
  const edges = new Map<string, DependencyEdge>();
  const groupEdges: GroupEdge[] = [];
  const labels = new Map<string, string[]>();
  const phaseStatements = new PhaseStatements(phases);
  const reported = new Set<string>();
  const readLines = new Map<number, Set<string>>();
  const note = (line: number, ...ids: string[]): void => {
    const set = readLines.get(line) ?? new Set<string>();
    for (const id of ids) set.add(id);
    readLines.set(line, set);
  };

  const unknown = (id: string, statement: DependencyStatement): void => {
    const key = `${statement.line}\0${id}`;
    if (reported.has(key)) return;
    reported.add(key);
    const inTask = statement.owner !== null;
    diagnostics.push({
      severity: inTask ? "error" : "warning",
      code: "unknown-dependency",
      line: statement.line,
      message: inTask
        ? `${statement.owner} has a dependency on unknown task ${id}`
        : `dependency statement names unknown task ${id}`,
      ...(inTask ? { taskId: statement.owner as string } : {}),
    });
  };
  const headingLines = segments.filter((s) => s.kind === "heading").map((s) => s.line);
  /** The tasks under the heading on `line`, down to the next heading. */
  const underHeading = (line: number): string[] => {
    const next = headingLines.find((l) => l > line) ?? Number.POSITIVE_INFINITY;
    return tasks.filter((t) => t.line > line && t.line < next).map((t) => t.id);
  };
  const position = new Map(tasks.map((t, i) => [t.id, i]));
  /** The tasks written after the last of `ids`. */
  const tasksAfter = (ids: string[]): string[] => {
    if (ids.length === 0) return [];
    const last = ids.reduce((max, id) => Math.max(max, position.get(id) ?? -1), -1);
    return tasks.slice(last + 1).map((t) => t.id);
  };
  const resolve = (operand: Operand, statement: DependencyStatement, here: number | null): Resolved => {
    const out: string[] = [];
    for (const ref of operand.refs) {
      if (ref.kind === "id") {
        if (ids.has(ref.id)) out.push(ref.id);
        else unknown(ref.id, statement);
      } else if (ref.kind === "open") {
        if (!ids.has(ref.from)) unknown(ref.from, statement);
        out.push(...ids.from(ref.from));
      } else {
        if (!ids.has(ref.from) && !ids.has(ref.to)) unknown(`${ref.from}-${ref.to}`, statement);
        out.push(...ids.expand(ref.from, ref.to));
      }
    }
    if (operand.refs.length > 0 || operand.name === null) return { ids: out, phases: [] };
    if (operand.name === HERE_HEADING) return { ids: underHeading(statement.line), phases: [] };
    if (operand.name === HERE_PHASE)
      return here === null ? { ids: [], phases: [] } : { ids: phases[here]?.taskIds ?? [], phases: [here] };
    const label = labels.get(labelKey(operand.name));
    if (label) return { ids: label, phases: [] };
    const named = phasesNamed(operand.name, phases);
    if (named.length === 0 && operand.fallback) return resolve({ refs: operand.fallback, name: null }, statement, here);
    return { ids: named.flatMap((p) => phases[p]?.taskIds ?? []), phases: named };
  };
  const add = (from: string, to: string, source: DependencyEdge["source"], line: number): void => {
    const key = `${from}\0${to}`;
    if (from !== to && source === "explicit") note(line, from, to);
    if (from !== to && !edges.has(key)) edges.set(key, { from, to, source, line });
  };

  const gantt = new Map<number, DependencyStatement[]>();
  for (const s of [...ganttStatements(segments), ...commentStatements(segments, numbered)])
    gantt.set(s.line, [...(gantt.get(s.line) ?? []), s]);
  for (const segment of segments) {
    if (segment.kind === "prose") {
      const label = readLabel(cleanLine(segment.text));
      if (label) labels.set(label.key, ids.expand(label.from, label.to));
    }
    phaseStatements.read(segment);
    const found = extractStatements(segment, numbered);
    if (segment.kind === "code") found.push(...(gantt.get(segment.line) ?? []));
    for (const statement of found) {
      if (statement.kind === "sequence") {
        const chain = resolve({ refs: statement.ids, name: null }, statement, null).ids;
        for (let i = 1; i < chain.length; i++)
          add(chain[i] as string, chain[i - 1] as string, "explicit", statement.line);
        continue;
      }
      const blockers = resolve(statement.blockers, statement, segment.phase);
      const blocked =
        statement.blocked.name === ALL_LATER_TASKS
          ? { ids: tasksAfter(blockers.ids), phases: [] }
          : resolve(statement.blocked, statement, segment.phase);
      if (
        blocked.ids.length === 0 &&
        statement.blocked.name &&
        segment.phase !== null &&
        BOLD_LINE.test(segment.text)
      ) {
        Object.assign(blocked, resolve({ refs: [], name: HERE_PHASE }, statement, segment.phase));
      }
      if (
        blocked.phases.length > 0 &&
        blockers.phases.length > 0 &&
        statement.blocked.refs.length === 0 &&
        statement.blockers.refs.length === 0
      ) {
        phaseStatements.state(blocked.phases, blockers.phases, statement.line);
        note(statement.line, ...blocked.ids, ...blockers.ids);
        continue;
      }
      if (statement.pairwise) {
        if (blocked.ids.length !== blockers.ids.length) {
          diagnostics.push({
            severity: "info",
            code: "ambiguous-dependency",
            line: statement.line,
            message: "a one-to-one dependency statement names sides of different sizes; no dependency taken from it",
          });
          continue;
        }
        blocked.ids.forEach((id, i) => add(id, blockers.ids[i] as string, "explicit", statement.line));
        continue;
      }
      if (blocked.ids.length === 1 && blockers.ids.length === 1 && blocked.ids[0] === blockers.ids[0]) {
        diagnostics.push({
          severity: "warning",
          code: "self-dependency",
          line: statement.line,
          taskId: blocked.ids[0] as string,
          message: `${blocked.ids[0]} is said to depend on itself; ignored`,
        });
        continue;
      }
      if (blocked.ids.length > 1 && blockers.ids.length > 1) {
        const other = new Set(blockers.ids);
        const overlap = blocked.ids.some((id) => other.has(id));
        if (overlap && statement.blocked.refs.length > 0 && statement.blockers.refs.length > 0) {
          // "18 tasks (T104-T121) → T113-T115 COMPLETED": sides written as overlapping ids state no order.
          diagnostics.push({
            severity: "info",
            code: "ambiguous-dependency",
            line: statement.line,
            message: "a dependency statement names overlapping tasks on both sides; no dependency taken from it",
          });
          continue;
        }
        // A named side overlapping ("All polish (T116-T142) blocks T133-T142") gives way.
        if (statement.blocked.refs.length === 0) blocked.ids = blocked.ids.filter((id) => !other.has(id));
        else {
          const mine = new Set(blocked.ids);
          blockers.ids = blockers.ids.filter((id) => !mine.has(id));
        }
      }
      if (
        blocked.ids.length > 1 &&
        blockers.ids.length > 1 &&
        blocked.ids.length * blockers.ids.length > GROUP_EDGE_THRESHOLD
      ) {
        groupEdges.push({ blockers: blockers.ids, blocked: blocked.ids, source: "explicit", line: statement.line });
        note(statement.line, ...blocked.ids, ...blockers.ids);
        continue;
      }
      for (const b of blocked.ids) for (const k of blockers.ids) add(b, k, "explicit", statement.line);
    }
  }

  if (input.dialect === "xe") {
    for (const e of xeStructuralEdges(tasks, phaseStatements.independentPhases()))
      add(e.from, e.to, "structural", e.line);
  }

  const taskEdges = [...edges.values()];
  applyBlockedBy(tasks, taskEdges);
  diagnostics.push(...cycleDiagnostics(tasks, taskEdges, groupEdges));
  return {
    taskEdges,
    groupEdges,
    phaseEdges: phaseEdgesOf(phases, tasks, phaseStatements),
    diagnostics,
    readLines,
  };
}

function applyBlockedBy(tasks: Task[], edges: readonly DependencyEdge[]): void {
  const position = new Map(tasks.map((t, i) => [t.id, i]));
  const byTask = new Map<string, Set<string>>();
  for (const edge of edges) {
    const set = byTask.get(edge.from) ?? new Set<string>();
    set.add(edge.to);
    byTask.set(edge.from, set);
  }
  for (const task of tasks) {
    const blockers = byTask.get(task.id);
    task.blockedBy = blockers ? [...blockers].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)) : [];
  }
}
