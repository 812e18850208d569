/**
 * The finishing steps of parsing, each a small pure function over the drafts the scanner
 * collected: which phases to keep, duplicate ids, sub-task parents from numbered ids, Kiro
 * requirements, the feature's id and title, ranges a checkbox names.
 */
import type { Diagnostic, Feature, Phase, Task } from "../model.js";

export interface DraftPhase extends Phase {
  /** Opened by a phase-like heading nested under a non-phase section ("## Examples" / "### Phase 3.2"). */
  nested: boolean;
}

/**
 * Drops phase-like headings nested in non-phase sections that hold no task, and phases after the
 * last phase with tasks that hold none ("## Notes" in a Kiro list, an empty Polish template);
 * maps old → new index.
 */
export function keepPhases(phases: DraftPhase[], tasks: Task[]): { phases: Phase[]; remap: Map<number, number> } {
  const withTasks = new Set(tasks.map((t) => t.phaseIndex));
  let lastWithTasks = -1;
  for (const draft of phases) if (withTasks.has(draft.index)) lastWithTasks = draft.index;
  const remap = new Map<number, number>();
  const kept: Phase[] = [];
  for (const draft of phases) {
    const empty = !withTasks.has(draft.index);
    if (empty && (draft.nested || (lastWithTasks >= 0 && draft.index > lastWithTasks))) continue;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the rest pattern drops the draft-only field
    const { nested: _nested, ...phase } = draft;
    remap.set(draft.index, kept.length);
    kept.push({ ...phase, index: kept.length });
  }
  return { phases: kept, remap };
}

/** Keeps the first task of each id; later ones become duplicate-id errors. */
export function uniqueTasks(found: Task[], diagnostics: Diagnostic[]): Task[] {
  const first = new Map<string, Task>();
  const tasks: Task[] = [];
  for (const task of found) {
    const earlier = first.get(task.id);
    if (earlier) {
      if (earlier.line === task.line) continue; // one line naming a range twice
      diagnostics.push({
        severity: "error",
        code: "duplicate-id",
        line: task.line,
        taskId: task.id,
        message: `duplicate task id ${task.id} (first used on line ${earlier.line}); this one is ignored`,
      });
      continue;
    }
    first.set(task.id, task);
    tasks.push(task);
  }
  return tasks;
}

/** Numbered sub-tasks written at the same level as their parent ("- [ ] 2.1" after "- [ ] 2."). */
export function linkNumberedParents(tasks: Task[], numbered: ReadonlySet<string>): void {
  const ids = new Set(tasks.map((t) => t.id));
  for (const task of tasks) {
    if (task.parentId !== null || !numbered.has(task.id)) continue;
    const dot = task.id.lastIndexOf(".");
    if (dot <= 0) continue;
    const parent = task.id.slice(0, dot);
    if (ids.has(parent)) task.parentId = parent;
  }
}

const REQUIREMENTS =
  /^[-*+\s]*_?\s*(?:\*\*)?(?:Validates\s*[:：]\s*Requirements?(?:\*\*)?\s*[:：]?|(?:Requirements?|Reqs?|Requisitos?|Exigences|Anforderungen|対応要件|要件|需求|对应需求|요구사항|المتطلبات|Требования)(?:\*\*)?\s*[:：])\s*(.+?)_?\s*$/i;

/** Kiro's `_Requirements: 1.2, 3.1_` detail lines: the numbers as written. */
export function requirementsIn(details: readonly string[]): string[] {
  const out: string[] = [];
  for (const detail of details) {
    const m = REQUIREMENTS.exec(detail);
    if (!m) continue;
    for (const part of (m[1] as string).split(/[,，、;]/)) {
      const value = part.replace(/[_*]/g, "").trim();
      if (value !== "" && !out.includes(value)) out.push(value);
    }
  }
  return out;
}

/** "T040"…"T044": every id of a range one checkbox names; just the first id when it is not a plain range. */
export function idsOfRange(from: string, to: string): string[] {
  const a = /^(\D*?)(\d+)$/.exec(from);
  const b = /^(\D*?)(\d+)$/.exec(to);
  if (!a || !b || a[1] !== b[1]) return [from];
  const lo = Number(a[2]);
  const hi = Number(b[2]);
  if (!(hi > lo) || hi - lo > 200) return [from];
  const width = (a[2] as string).length;
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) out.push(`${a[1]}${String(n).padStart(width, "0")}`);
  return out;
}

export function featureOf(path: string, frontmatter: Record<string, unknown>, h1: string | null): Feature {
  const parts = path.split(/[\\/]/).filter((p) => p !== "" && p !== ".");
  const dir = parts.length >= 2 ? (parts[parts.length - 2] as string) : undefined;
  const stem = (parts[parts.length - 1] ?? "").replace(/\.[^.]*$/, "");
  const id = dir ?? (typeof frontmatter["id"] === "string" ? frontmatter["id"] : stem) ?? stem;
  const fmTitle = frontmatter["title"];
  let title: string | null = typeof fmTitle === "string" && fmTitle.trim() !== "" ? fmTitle.trim() : null;
  if (title === null && h1 !== null) {
    const stripped = h1.replace(/^Tasks?\b\s*(?:[:：\-–—]\s*)?/i, "").trim();
    title = stripped !== "" ? stripped : null;
  }
  return { id, title: title ?? id, frontmatter };
}
