/**
 * Scores the parser against what a careful reader sees in a real task list
 * (../shared/corpus/truth/<file>.json): tasks matched by id and line, their attributes, and
 * task-level dependency edges (precision and recall). Pure: documents and truth in, numbers out.
 */
import type { TaskDocument } from "../../src/tasks/model.js";

export interface TruthTask {
  id: string;
  line: number;
  checked: boolean;
  status: "open" | "done" | "dropped" | "in-progress";
  parallel: boolean;
  story: string | null;
  phase: string | null;
}

export interface Truth {
  file: string;
  path: string;
  format: string;
  tasks: TruthTask[];
  /** [blocker, blocked] */
  edges: [string, string][];
  phaseEdges: [string, string][];
  uncertain?: unknown[];
}

export interface FileScore {
  file: string;
  format: string;
  /** Truth tasks found with the same id on the same line. */
  tasksFound: number;
  tasksTruth: number;
  /** Parsed tasks that the truth does not have (by id and line). */
  tasksExtra: number;
  /** Of the tasks found: how many agree on checked, status, parallel. */
  attributesRight: number;
  edgesTrue: number;
  edgesReported: number;
  edgesTruth: number;
}

/** The task-level edges a document states, as "blocker→blocked" pairs (group edges expanded). */
export function reportedEdges(doc: TaskDocument): Set<string> {
  const out = new Set<string>();
  for (const e of doc.taskEdges) out.add(`${e.to}→${e.from}`);
  // Scoring only: a group edge stands for every blocker→blocked pair it covers.
  for (const g of doc.groupEdges)
    for (const blocker of g.blockers)
      for (const blocked of g.blocked) if (blocker !== blocked) out.add(`${blocker}→${blocked}`);
  return out;
}

const STATUS: Record<string, TruthTask["status"]> = {
  open: "open",
  done: "done",
  "in-progress": "in-progress",
  skipped: "dropped",
  dropped: "dropped",
  other: "in-progress",
};

export function scoreFile(doc: TaskDocument, truth: Truth): FileScore {
  const parsed = new Map(doc.tasks.map((t) => [`${t.id}@${t.line}`, t]));
  let found = 0;
  let attributes = 0;
  for (const want of truth.tasks) {
    const got = parsed.get(`${want.id}@${want.line}`);
    if (!got) continue;
    found += 1;
    if (got.checked === want.checked && STATUS[got.status] === want.status && got.parallel === want.parallel)
      attributes += 1;
  }
  const truthKeys = new Set(truth.tasks.map((t) => `${t.id}@${t.line}`));
  const extra = doc.tasks.filter((t) => !truthKeys.has(`${t.id}@${t.line}`)).length;
  const want = new Set(truth.edges.map(([blocker, blocked]) => `${blocker}→${blocked}`));
  const got = reportedEdges(doc);
  let right = 0;
  for (const e of got) if (want.has(e)) right += 1;
  return {
    file: truth.file,
    format: truth.format,
    tasksFound: found,
    tasksTruth: truth.tasks.length,
    tasksExtra: extra,
    attributesRight: attributes,
    edgesTrue: right,
    edgesReported: got.size,
    edgesTruth: want.size,
  };
}

export interface Totals {
  taskRecall: number;
  taskPrecision: number;
  attributeAccuracy: number;
  edgePrecision: number;
  edgeRecall: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function totals(scores: FileScore[]): Totals {
  const sum = (f: (s: FileScore) => number): number => scores.reduce((n, s) => n + f(s), 0);
  const found = sum((s) => s.tasksFound);
  return {
    taskRecall: ratio(
      found,
      sum((s) => s.tasksTruth),
    ),
    taskPrecision: ratio(found, found + sum((s) => s.tasksExtra)),
    attributeAccuracy: ratio(
      sum((s) => s.attributesRight),
      found,
    ),
    edgePrecision: ratio(
      sum((s) => s.edgesTrue),
      sum((s) => s.edgesReported),
    ),
    edgeRecall: ratio(
      sum((s) => s.edgesTrue),
      sum((s) => s.edgesTruth),
    ),
  };
}
