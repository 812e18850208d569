/**
 * Scores the unread-statement net (`unread-dependency` warnings) against a truth file: of the
 * truth edges the parser missed, how many sit on a flagged line, and how many lines it flags per
 * 20 tasks. A missed edge "sits on" a line when that line names both of its tasks: by id or
 * range, as the task the line belongs to (its checkbox line and the detail lines under it), as a
 * task of the section a heading opens, or through a phase or story the line names. The
 * attribution is the scorer's own, independent of how the net decides. Pure.
 */
import type { TaskDocument } from "../../src/tasks/model.js";
import { findPlacedReferences, IdIndex } from "../../src/tasks/lines/task-ids.js";
import { phasesNamed } from "../../src/tasks/structure/phase-names.js";
import { reportedEdges, type Truth } from "./score.js";

export interface NetScore {
  file: string;
  tasks: number;
  /** Lines the net flags. */
  flagged: number;
  /** Truth edges the parser did not read. */
  missed: number;
  /** Of those, on a flagged line. */
  covered: number;
  /** Missed edges with no line naming both tasks at all (stated by position or wording alone). */
  unplaced: number;
}

const NAME =
  /(?:\b(?:phase|fase|étape|etapa|stage|этап|фаза)|フェーズ|阶段)\s*\d+|\b(?:US|HU)[-\s]?\d+\b|\buser\s+story\s*\d+|\bWP\s?\d+\b/giu;

/** The task ids each line of `text` names, by the scorer's own reading. */
export function namesPerLine(doc: TaskDocument, text: string): Map<number, Set<string>> {
  const lines = text.split(/\r?\n/);
  const index = new IdIndex(doc.tasks.map((t) => t.id));
  const numbered = doc.tasks.some((t) => /^\d/.test(t.id));
  const taskLines = [...doc.tasks].sort((a, b) => a.line - b.line);
  const headings = new Set(doc.phases.map((p) => p.line));
  const out = new Map<number, Set<string>>();
  let current: string | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const ids = new Set<string>();
    const at = taskLines.filter((t) => t.line === line);
    if (at.length > 0) current = (at[0] as { id: string }).id;
    else if (/^#{1,6}\s/.test(raw)) current = null;
    if (current !== null) ids.add(current);
    for (const t of at) ids.add(t.id);
    for (const r of findPlacedReferences(raw, numbered)) {
      const found =
        r.kind === "id"
          ? index.has(r.id)
            ? [r.id]
            : []
          : r.kind === "open"
            ? index.from(r.from)
            : index.expand(r.from, r.to);
      for (const id of found) ids.add(id);
    }
    // a heading names its own phase: only the names in other lines relate groups
    if (!/^#{1,6}\s/.test(raw))
      for (const m of raw.matchAll(NAME))
        for (const p of phasesNamed(m[0], doc.phases)) for (const id of doc.phases[p]?.taskIds ?? []) ids.add(id);
    if (/^#{1,6}\s/.test(raw) || headings.has(line)) {
      const next = taskLines.find((t) => t.line > line);
      const nextHeading = lines.findIndex((l, j) => j > i && /^#{1,6}\s/.test(l));
      const end = nextHeading === -1 ? Number.POSITIVE_INFINITY : nextHeading + 1;
      for (const t of taskLines) if (t.line > line && t.line < end) ids.add(t.id);
      if (next === undefined) current = null;
    }
    out.set(line, ids);
  });
  return out;
}

export function scoreNet(doc: TaskDocument, text: string, truth: Truth): NetScore {
  const flaggedLines = new Set(doc.diagnostics.filter((d) => d.code === "unread-dependency").map((d) => d.line));
  const got = reportedEdges(doc);
  const names = namesPerLine(doc, text);
  let missed = 0;
  let covered = 0;
  let unplaced = 0;
  for (const [blocker, blocked] of truth.edges) {
    if (got.has(`${blocker}→${blocked}`)) continue;
    missed += 1;
    const places = [...names].filter(([, ids]) => ids.has(blocker) && ids.has(blocked)).map(([line]) => line);
    if (places.length === 0) unplaced += 1;
    else if (places.some((l) => flaggedLines.has(l))) covered += 1;
  }
  return { file: truth.file, tasks: doc.tasks.length, flagged: flaggedLines.size, missed, covered, unplaced };
}

export interface NetTotals {
  /** Share of missed edges on a flagged line (1 when nothing was missed). */
  coverage: number;
  /** Flagged lines per 20 tasks. */
  flagsPer20: number;
}

export function netTotals(scores: readonly NetScore[]): NetTotals {
  const sum = (f: (s: NetScore) => number): number => scores.reduce((n, s) => n + f(s), 0);
  const missed = sum((s) => s.missed);
  const tasks = sum((s) => s.tasks);
  return {
    coverage: missed === 0 ? 1 : sum((s) => s.covered) / missed,
    flagsPer20: tasks === 0 ? 0 : (sum((s) => s.flagged) * 20) / tasks,
  };
}
